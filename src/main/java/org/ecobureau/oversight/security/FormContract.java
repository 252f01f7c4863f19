package org.ecobureau.oversight.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What one embedded form lets its user write: the fields a person can fill in (inputs bound with
 * {@code cam-variable-name} that are neither {@code readonly} nor {@code disabled}, and variables
 * its script creates with {@code createVariable}), each with its declared type and length limit.
 * Fields shown read-only, and variables its script fetches to show, are the form's display, not
 * its input: Tasklist may send them back, and they are never written.
 */
public record FormContract(String formKey, Map<String, Field> fields, Set<String> display) {

  /**
   * The most characters a text value may have when its input sets no {@code maxlength}: the
   * engine keeps a text variable in a column of 4000 characters.
   */
  public static final int DEFAULT_MAX_LENGTH = 4000;

  /** A form with no inputs: its task or start accepts no variables. */
  public static FormContract none(String formKey) {
    return new FormContract(formKey, Map.of(), Set.of());
  }

  /**
   * One writable field.
   *
   * @param type      the declared Camunda value type, lower case ({@code string}, {@code long},
   *                  {@code boolean}, {@code date}, {@code file} …)
   * @param maxLength the longest text accepted
   * @param label     the Chinese label shown beside it, for messages
   */
  public record Field(String name, String type, int maxLength, String label) {}

  private static final Pattern FETCHED = Pattern.compile("fetchVariable\\(\\s*['\"]([A-Za-z0-9_]+)['\"]");
  private static final Pattern CREATED = Pattern.compile(
      "createVariable\\(\\s*\\{\\s*name\\s*:\\s*['\"]([A-Za-z0-9_]+)['\"]\\s*,\\s*type\\s*:\\s*['\"]([A-Za-z]+)['\"]");
  private static final Set<String> INPUT_TAGS = Set.of("input", "select", "textarea");

  /** Reads the contract from the form's HTML. */
  public static FormContract parse(String formKey, String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    Map<String, Field> fields = new LinkedHashMap<>();
    Set<String> display = new java.util.LinkedHashSet<>();
    for (Element e : doc.select("[cam-variable-name]")) {
      if (!INPUT_TAGS.contains(e.normalName()) || e.hasAttr("readonly") || e.hasAttr("disabled")) {
        display.add(e.attr("cam-variable-name").trim());
        continue;
      }
      String name = e.attr("cam-variable-name").trim();
      String type = typeOf(e);
      int max = DEFAULT_MAX_LENGTH;
      if (e.hasAttr("maxlength")) {
        try {
          max = Math.min(max, Integer.parseInt(e.attr("maxlength").trim()));
        } catch (NumberFormatException ignored) {
          // a malformed maxlength leaves the engine's limit
        }
      }
      fields.putIfAbsent(name, new Field(name, type, max, labelOf(e, name)));
    }
    for (Element script : doc.select("script")) {
      Matcher m = CREATED.matcher(script.data());
      while (m.find()) {
        fields.putIfAbsent(m.group(1), new Field(m.group(1), m.group(2).toLowerCase(Locale.ROOT),
            DEFAULT_MAX_LENGTH, m.group(1)));
      }
      Matcher f = FETCHED.matcher(script.data());
      while (f.find()) {
        display.add(f.group(1));
      }
    }
    display.removeAll(fields.keySet());
    return new FormContract(formKey, Collections.unmodifiableMap(fields), Collections.unmodifiableSet(display));
  }

  private static String typeOf(Element e) {
    if (e.hasAttr("cam-variable-type")) {
      return e.attr("cam-variable-type").trim().toLowerCase(Locale.ROOT);
    }
    return "file".equalsIgnoreCase(e.attr("type")) ? "file" : "string";
  }

  /** The text of the form group's label, or the field's name when there is none. */
  private static String labelOf(Element e, String name) {
    for (Element p = e.parent(); p != null && !"form".equals(p.normalName()); p = p.parent()) {
      Element label = p.selectFirst("label");
      if (label != null && !label.text().isBlank()) {
        return label.text().trim();
      }
    }
    return name;
  }
}
