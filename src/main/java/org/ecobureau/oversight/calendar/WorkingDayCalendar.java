package org.ecobureau.oversight.calendar;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ecobureau.oversight.OversightProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Working days on the Chinese calendar: Monday to Friday, less public holidays, plus make-up
 * working days (调休) on weekends, from one data file per year. "Now" is the {@link Clock} bean
 * (the engine clock, see {@link EngineClock}).
 */
@Component
public class WorkingDayCalendar {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Deadlines fall at the end of the working day. */
  public static final LocalTime END_OF_DAY = LocalTime.of(17, 30);

  private final Set<LocalDate> holidays = new HashSet<>();
  private final Set<LocalDate> workdays = new HashSet<>();
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  public WorkingDayCalendar(OversightProperties properties, Clock clock) {
    this(properties.calendar().files(), clock);
  }

  /** The calendar of the data files matching {@code pattern}, today by the engine clock. */
  public WorkingDayCalendar(String pattern) {
    this(pattern, new EngineClock(ZONE));
  }

  public WorkingDayCalendar(String pattern, Clock clock) {
    this.clock = clock;
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        load(r);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read holiday calendar " + pattern, e);
    }
  }

  private void load(Resource resource) throws IOException {
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .setCommentMarker('#').setIgnoreEmptyLines(true).get().parse(reader)) {
        LocalDate date = DateParser.isoDay(r.get("date"));
        switch (r.get("kind").trim()) {
          case "holiday" -> holidays.add(date);
          case "workday" -> workdays.add(date);
          default -> throw new IllegalStateException(
              resource.getDescription() + " line " + r.getRecordNumber() + ": kind must be holiday or workday");
        }
      }
    }
  }

  public boolean isWorkingDay(LocalDate date) {
    if (workdays.contains(date)) {
      return true;
    }
    if (holidays.contains(date)) {
      return false;
    }
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
  }

  /** The date {@code days} working days after {@code from} (from itself not counted). */
  /** The day itself if it is a working day, otherwise the next working day after it. */
  public LocalDate workingDayOnOrAfter(LocalDate day) {
    LocalDate d = day;
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  public LocalDate addWorkingDays(LocalDate from, int days) {
    LocalDate d = from;
    int left = days;
    while (left > 0) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
  public int workingDaysAfter(LocalDate from, LocalDate to) {
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  public static LocalDate day(Date date) {
    return date == null ? null : LocalDate.ofInstant(date.toInstant(), ZONE);
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }

  /** End of the working day that is {@code days} working days from today. */
  public Date workingDaysFromNow(int days) {
    return endOfDay(addWorkingDays(today(), days));
  }

  public static Date endOfDay(LocalDate date) {
    return Date.from(LocalDateTime.of(date, END_OF_DAY).atZone(ZONE).toInstant());
  }

  public static Date startOfDay(LocalDate date) {
    return Date.from(date.atStartOfDay(ZONE).toInstant());
  }
}
