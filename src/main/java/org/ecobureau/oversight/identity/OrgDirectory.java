package org.ecobureau.oversight.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ecobureau.oversight.OversightProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The city's counties and departments, read from configuration files so that another city runs
 * on the same build (see {@code oversight.org.*}).
 */
@Component
public class OrgDirectory {

  public static final String COUNTY_GROUP_PREFIX = "county-";
  public static final String UNIT_GROUP_PREFIX = "dept-";
  public static final String LEAD_GROUP = "lead";
  public static final String SUPERVISOR_GROUP = "supervisor";
  public static final String ADMIN_GROUP = "camunda-admin";
  /** Words in an import meaning "every county". */
  public static final List<String> ALL_COUNTIES_WORDS = List.of("全部", "各县区", "各县（区）", "各县(区)", "各县区政府", "全市");

  private final Map<String, County> counties = new LinkedHashMap<>();
  private final Map<String, Unit> units = new LinkedHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  public OrgDirectory(OversightProperties properties) {
    this(load(properties.org().counties()), load(properties.org().units()));
  }

  OrgDirectory(List<CSVRecord> countyRows, List<CSVRecord> unitRows) {
    for (CSVRecord r : countyRows) {
      County c = new County(r.get("code").trim(), r.get("name").trim(), r.get("short_name").trim());
      counties.put(c.code(), c);
    }
    for (CSVRecord r : unitRows) {
      String aliases = r.isMapped("aliases") ? r.get("aliases") : "";
      List<String> list = aliases.isBlank() ? List.of()
          : Arrays.stream(aliases.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      Unit u = new Unit(r.get("code").trim(), r.get("name").trim(), list);
      units.put(u.code(), u);
    }
    if (counties.isEmpty()) {
      throw new IllegalStateException("No counties configured (oversight.org.counties)");
    }
  }

  public static OrgDirectory fromFiles(String countiesLocation, String unitsLocation) {
    return new OrgDirectory(load(countiesLocation), load(unitsLocation));
  }

  private static List<CSVRecord> load(String location) {
    Resource resource = new DefaultResourceLoader().getResource(location);
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .setCommentMarker('#').setIgnoreEmptyLines(true).get().parse(reader).getRecords();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read organisation file " + location, e);
    }
  }

  public List<County> counties() {
    return List.copyOf(counties.values());
  }

  public List<String> countyCodes() {
    return List.copyOf(counties.keySet());
  }

  public List<Unit> units() {
    return List.copyOf(units.values());
  }

  public Optional<County> county(String code) {
    return Optional.ofNullable(counties.get(code));
  }

  public County requireCounty(String code) {
    return county(code).orElseThrow(() -> new IllegalArgumentException("Unknown county code " + code));
  }

  public Optional<Unit> unit(String code) {
    return Optional.ofNullable(units.get(code));
  }

  /** A county by its code, full name (安定区) or short name (安定). */
  public Optional<County> findCounty(String text) {
    String t = text.trim();
    return counties.values().stream()
        .filter(c -> c.code().equals(t) || c.name().equals(t) || c.shortName().equals(t))
        .findFirst();
  }

  /** A unit by its code, name or one of its aliases. */
  public Optional<Unit> findUnit(String text) {
    String t = text.trim();
    return units.values().stream()
        .filter(u -> u.code().equals(t) || u.name().equals(t) || u.aliases().contains(t))
        .findFirst();
  }

  public boolean meansAllCounties(String text) {
    return ALL_COUNTIES_WORDS.contains(text.trim());
  }

  /** Splits a list written as "a、b，c;d" into its trimmed items. */
  public static List<String> splitList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : text.split("[、，,;；/\\s]+")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return Collections.unmodifiableList(out);
  }

  public String countyNames(List<String> codes) {
    return String.join("、", codes.stream().map(c -> county(c).map(County::name).orElse(c)).toList());
  }

  public String unitNames(List<String> codes) {
    return String.join("、", codes.stream().map(c -> unit(c).map(Unit::name).orElse(c)).toList());
  }
}
