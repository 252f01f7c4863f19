package org.ecobureau.oversight.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Now" for the whole application: the engine's clock ({@link ClockUtil}), which process tests
 * set and move, so what the app stamps and counts outside the engine (working days, table rows,
 * the login throttle) follows the same time as timers and due dates. In the {@link #ZONE} of the
 * calendar.
 */
public final class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineClock other && other.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return zone.hashCode();
  }

  @Override
  public String toString() {
    return "EngineClock[" + zone + "]";
  }

  /** The application's one {@link Clock} bean. */
  @Configuration(proxyBeanMethods = false)
  public static class ClockBean {
    @Bean
    public Clock clock() {
      return new EngineClock(WorkingDayCalendar.ZONE);
    }
  }
}
