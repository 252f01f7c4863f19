package org.ecobureau.oversight.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * Assembles the embedded forms of {@code bpmn/forms/} into what is deployed: the blocks several
 * forms share are written once, as fragments in {@code bpmn/forms/fragments/}, and configuration
 * values (the upload limit) come from the installation. Plain Java, no Spring context: the
 * deployer and the tests use the same code.
 *
 * <p>In a form:
 * <ul>
 *   <li>{@code <!-- include: task-header -->} on a line of its own is replaced by the fragment
 *       {@code fragments/task-header.html}, each line indented like the marker. Parameters follow
 *       the name as {@code key="value"} (the marker may span lines): {@code ${key}} in the
 *       fragment stands for the value, {@code ${key:default}} for the value or the default;
 *       {@code ${form}} is the name of the enclosing {@code <form>}. A parameter the fragment
 *       does not use is an error.</li>
 *   <li>Lines between the marker and {@code <!-- end include -->} (before the next marker) are
 *       the body: they stand where the fragment has {@code <!-- slot -->} (without a body the
 *       slot line is dropped).</li>
 *   <li>{@code ${oversight.evidence.max-bytes}} (in a form or a fragment) is a setting, see
 *       {@link #EVIDENCE_MAX_BYTES}. An unknown name is an error.</li>
 * </ul>
 * A fragment may start with a comment describing it; that comment is not copied. The result
 * depends only on the files and the settings, so an unchanged installation deploys nothing new.
 */
public final class FormAssembler {

  /** Where the forms are, as resource names of the deployment. */
  public static final String FORMS = "bpmn/forms/";
  /** Where the fragments are; they are not deployed themselves. */
  public static final String FRAGMENTS = FORMS + "fragments/";
  /** The largest evidence file in bytes (the server refuses larger ones, see EvidencePolicy). */
  public static final String EVIDENCE_MAX_BYTES = "oversight.evidence.max-bytes";

  private static final Pattern INCLUDE = Pattern.compile(
      "(?m)^([ \\t]*)<!--\\s*include:\\s*([\\w-]+)((?:\\s+[\\w-]+=\"[^\"]*\")*)\\s*-->[ \\t]*\\R");
  private static final Pattern END = Pattern.compile("(?m)^[ \\t]*<!--\\s*end include\\s*-->[ \\t]*\\R");
  private static final Pattern PARAMETER = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([\\w.-]+)(?::([^}]*))?}");
  private static final Pattern SLOT = Pattern.compile("(?m)^[ \\t]*<!--\\s*slot\\s*-->[ \\t]*\\R");
  private static final Pattern LEADING_COMMENT = Pattern.compile("^\\s*<!--.*?-->[ \\t]*\\R", Pattern.DOTALL);
  private static final Pattern FORM_NAME = Pattern.compile("<form\\b[^>]*\\bname=\"([^\"]+)\"");

  private final Map<String, String> fragments;
  private final Map<String, String> settings;

  /**
   * @param fragments fragment name (task-header) → its text
   * @param settings setting name (oversight.evidence.max-bytes) → value
   */
  public FormAssembler(Map<String, String> fragments, Map<String, String> settings) {
    this.fragments = Map.copyOf(fragments);
    this.settings = Map.copyOf(settings);
  }

  /** The assembler for the fragments among {@code resources} (resource name → resource). */
  public static FormAssembler of(Map<String, Resource> resources, Map<String, String> settings) {
    Map<String, String> fragments = new TreeMap<>();
    resources.forEach((name, resource) -> {
      if (isFragment(name)) {
        fragments.put(name.substring(FRAGMENTS.length(), name.length() - ".html".length()), read(name, resource));
      }
    });
    return new FormAssembler(fragments, settings);
  }

  /** Every form of the class path's {@code bpmn/forms/} (resource name → deployed text), assembled. */
  public static Map<String, String> assembledForms(Map<String, String> settings) {
    Map<String, Resource> resources = ProcessDeployer.resources();
    FormAssembler assembler = of(resources, settings);
    Map<String, String> out = new TreeMap<>();
    resources.forEach((name, resource) -> {
      if (isForm(name)) {
        out.put(name, assembler.assemble(name, read(name, resource)));
      }
    });
    return out;
  }

  /** A fragment, used by forms and not deployed itself. */
  public static boolean isFragment(String resourceName) {
    return resourceName.startsWith(FRAGMENTS) && resourceName.endsWith(".html");
  }

  /** An embedded form to assemble before it is deployed. */
  public static boolean isForm(String resourceName) {
    return resourceName.startsWith(FORMS) && resourceName.endsWith(".html") && !isFragment(resourceName);
  }

  /** The form as deployed: fragments included, settings filled in. */
  public String assemble(String formName, String html) {
    Matcher form = FORM_NAME.matcher(html);
    String formAttribute = form.find() ? form.group(1) : null;
    List<MatchResult> includes = INCLUDE.matcher(html).results().toList();
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int i = 0; i < includes.size(); i++) {
      MatchResult include = includes.get(i);
      if (include.start() < at) {
        throw new IllegalStateException(formName + ": an include inside the body of another");
      }
      out.append(html, at, include.start());
      int next = i + 1 < includes.size() ? includes.get(i + 1).start() : html.length();
      Matcher end = END.matcher(html).region(include.end(), next);
      String body = end.find() ? html.substring(include.end(), end.start()) : null;
      out.append(fragment(formName, include.group(2), include.group(1), parameters(formName, include.group(3)),
          formAttribute, body));
      at = body == null ? include.end() : end.end();
    }
    out.append(html, at, html.length());
    return settings(formName, out.toString(), Map.of());
  }

  private String fragment(String formName, String name, String indent, Map<String, String> parameters,
      String formAttribute, String body) {
    String text = fragments.get(name);
    if (text == null) {
      throw new IllegalStateException(formName + ": no fragment " + FRAGMENTS + name + ".html");
    }
    text = LEADING_COMMENT.matcher(text).replaceFirst("");
    Map<String, String> values = new LinkedHashMap<>(parameters);
    if (formAttribute != null) {
      values.putIfAbsent("form", formAttribute);
    }
    Set<String> unused = new LinkedHashSet<>(parameters.keySet());
    Matcher used = PLACEHOLDER.matcher(text);
    while (used.find()) {
      unused.remove(used.group(1));
    }
    if (!unused.isEmpty()) {
      throw new IllegalStateException(formName + ": fragment " + name + " has no parameter " + unused);
    }
    StringBuilder indented = new StringBuilder();
    for (String line : text.strip().split("\\R")) {
      indented.append(line.isBlank() ? "" : indent + line).append('\n');
    }
    String result = settings(formName, indented.toString(), values);
    return SLOT.matcher(result).replaceFirst(Matcher.quoteReplacement(body == null ? "" : body));
  }

  private static Map<String, String> parameters(String formName, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher p = PARAMETER.matcher(text);
    while (p.find()) {
      if (out.put(p.group(1), p.group(2)) != null) {
        throw new IllegalStateException(formName + ": parameter " + p.group(1) + " given twice");
      }
    }
    return out;
  }

  /** Fills in {@code ${name}}: a parameter, else a setting, else the default. */
  private String settings(String formName, String text, Map<String, String> parameters) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = parameters.get(m.group(1));
      if (value == null) {
        value = settings.get(m.group(1));
      }
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        throw new IllegalStateException(formName + ": no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String read(String name, Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + name, e);
    }
  }
}
