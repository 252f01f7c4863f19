package org.ecobureau.oversight.support;

import java.util.Map;
import org.ecobureau.oversight.OversightProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link OversightProperties} for tests without a Spring context: the shipped defaults, with the
 * given keys (e.g. {@code oversight.durations.accept}) set, bound as the application binds them,
 * so a new setting never breaks a test that does not care about it.
 */
public final class TestProperties {

  private TestProperties() {}

  public static OversightProperties of(Map<String, ?> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("oversight", OversightProperties.class);
  }

  /** The texts from src/main/resources/templates, as the application renders them, without Spring. */
  public static org.ecobureau.oversight.common.TextTemplates texts(OversightProperties properties) {
    var loader = new org.springframework.boot.autoconfigure.mustache.MustacheResourceTemplateLoader(
        "classpath:/templates/", ".mustache");
    loader.setCharset("UTF-8");
    return new org.ecobureau.oversight.common.TextTemplates(
        com.samskivert.mustache.Mustache.compiler().withLoader(loader), properties);
  }
}
