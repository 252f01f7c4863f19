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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** Words in an official division table meaning "the city departments concerned" (市直有关部门). */
  public static final List<String> CITY_DEPARTMENTS_WORDS = List.of("市直有关部门", "市直各有关部门", "市直相关部门",
      "市级有关部门", "市直有关单位", "市直各有关单位");

  /** A list separator, as {@link #splitList} and {@link #splitParties} split on. */
  private static final Pattern SEPARATOR = Pattern.compile("[、，,;；/\\s]+");
  /** "…党委" or "…县委"/"…区委"/"…市委": the first half of "XX县委、县政府", "XX县党委、政府". */
  private static final Pattern PARTY_COMMITTEE = Pattern.compile(".*(党委|[县区市]委)");
  /** The second half of such a pair: "政府", "县政府", "县人民政府", "市政府", … */
  private static final Pattern GOVERNMENT = Pattern.compile("[县区市]?(人民)?政府");
  /**
   * How official tables name a county as a party, reduced to the county's name: "临洮县委、县政府",
   * "临洮县委县政府", "临洮县党委和政府", "临洮县党委、政府", "临洮县党委政府", "临洮县人民政府", "临洮县政府"
   * → "临洮县" (and "各县区党委和政府", "各县（区）人民政府" → "各县区", "各县（区）").
   */
  private static final List<Pattern> GOVERNMENT_SUFFIXES = List.of(
      Pattern.compile("(.+?[县区])委[、，,和及与]?[县区]?(?:人民)?政府"),
      Pattern.compile("(.+?)党委[、，,和及与]?[县区]?(?:人民)?政府"),
      Pattern.compile("(.+?)(?:人民)?政府"));

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

  /**
   * What a party named in a division table (责任单位, 承办部门) stands for: {@code code} is the
   * county's or unit's code for {@link Kind#COUNTY} and {@link Kind#UNIT}, else null; {@code text}
   * is the text as written.
   */
  public record Party(Kind kind, String code, String text) {

    public enum Kind {
      /** Every county of the city (各县区, 各县区人民政府, 各县区党委和政府, …). */
      ALL_COUNTIES,
      COUNTY,
      UNIT,
      /** 市直有关部门: the task's own lead units carry it. */
      CITY_DEPARTMENTS,
      /** Not a county, not a unit: the import names it back to the user. */
      UNKNOWN
    }
  }

  /**
   * Resolves one party of a division table, as official tables write it: a unit by name or alias,
   * a county by name or short name or as its government or party committee ("XX县人民政府",
   * "XX县委、县政府", "XX县党委和政府"), every county ("各县区", "各县（区）人民政府", "各县区党委和政府"), or
   * 市直有关部门. The city's own leadership ("市政府", "市委、市政府") is no party of a task: {@link Party.Unknown}.
   */
  public Party resolveParty(String text) {
    String t = text == null ? "" : text.trim();
    Optional<Party> direct = resolveName(t, t);
    if (direct.isPresent()) {
      return direct.get();
    }
    for (Pattern suffix : GOVERNMENT_SUFFIXES) {
      Matcher m = suffix.matcher(t);
      if (m.matches()) {
        // a county's government or party committee; the city's own (市政府, 市委、市政府) stays unknown
        Optional<Party> county = resolveName(m.group(1).trim(), t)
            .filter(p -> p.kind() == Party.Kind.COUNTY || p.kind() == Party.Kind.ALL_COUNTIES);
        if (county.isPresent()) {
          return county.get();
        }
      }
    }
    return new Party(Party.Kind.UNKNOWN, null, t);
  }

  private Optional<Party> resolveName(String name, String written) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (meansAllCounties(name)) {
      return Optional.of(new Party(Party.Kind.ALL_COUNTIES, null, written));
    }
    if (CITY_DEPARTMENTS_WORDS.contains(name)) {
      return Optional.of(new Party(Party.Kind.CITY_DEPARTMENTS, null, written));
    }
    Optional<County> county = findCounty(name);
    if (county.isPresent()) {
      return Optional.of(new Party(Party.Kind.COUNTY, county.get().code(), written));
    }
    return findUnit(name).map(u -> new Party(Party.Kind.UNIT, u.code(), written));
  }

  /** Splits a list written as "a、b，c;d" into its trimmed items. */
  public static List<String> splitList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : SEPARATOR.split(text)) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Splits a list of parties like {@link #splitList}, but keeps a party committee and its
   * government together as one party: "临洮县委、县政府、渭源县党委、政府、市委、市政府" gives
   * "临洮县委、县政府", "渭源县党委、政府" and "市委、市政府" (each with the separator it was written with).
   */
  public static List<String> splitParties(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    List<String> separators = new ArrayList<>();   // separators.get(i) follows items.get(i)
    Matcher m = SEPARATOR.matcher(text.trim());
    int from = 0;
    String s = text.trim();
    while (m.find()) {
      items.add(s.substring(from, m.start()));
      separators.add(m.group());
      from = m.end();
    }
    items.add(s.substring(from));
    separators.add("");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      if (item.isBlank()) {
        continue;
      }
      if (i + 1 < items.size() && PARTY_COMMITTEE.matcher(item).matches()
          && GOVERNMENT.matcher(items.get(i + 1)).matches()) {
        item = item + separators.get(i).trim() + items.get(i + 1);
        i++;
      }
      out.add(item.trim());
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
