package org.ecobureau.oversight.common;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * A commit on the embedded H2 database is on disk before the caller is answered. H2 by default
 * writes committed changes in the background up to half a second later (WRITE_DELAY 500 ms), so a
 * task completion acknowledged with 204 was lost by a {@code kill -9} right after it. This adds
 * {@code WRITE_DELAY=0} to every H2 file URL that does not choose a delay itself (an operator who
 * sets one on purpose is warned at start-up). In-memory and server (tcp:) URLs are left alone.
 *
 * <p>WRITE_DELAY=0 writes each commit to the operating system before the statement returns; it
 * survives the process being killed, not a power loss (H2 does not fsync each commit). For that,
 * use the PostgreSQL profile.
 */
@Component
public class H2Durability implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(H2Durability.class);

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
      properties.setUrl(durable(properties.getUrl()));
    }
    return bean;
  }

  /** The URL with {@code ;WRITE_DELAY=0} when it is an H2 file URL without a write delay. */
  public static String durable(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")) {
      return url;
    }
    String rest = lower.substring("jdbc:h2:".length());
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
      return url;
    }
    int at = lower.indexOf(";write_delay=");
    if (at >= 0) {
      String value = lower.substring(at + ";write_delay=".length()).split(";", 2)[0].strip();
      if (!value.equals("0")) {
        LOG.warn("H2 URL sets WRITE_DELAY={}: commits acknowledged in the last {} ms before a crash"
            + " can be lost. Remove it (or set 0) to make every commit durable.", value, value);
      }
      return url;
    }
    return url + ";WRITE_DELAY=0";
  }
}
