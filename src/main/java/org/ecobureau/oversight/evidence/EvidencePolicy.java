package org.ecobureau.oversight.evidence;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.impl.value.FileValueImpl;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.ecobureau.oversight.OversightProperties;
import org.ecobureau.oversight.common.FieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Limits on evidence files (photos, PDFs, Office files) attached to reports, claims and
 * self-checks: size and type from configuration ({@code oversight.evidence.*}). The type is
 * checked twice: the name's extension must be allowed, and the content (detected by Apache Tika
 * from the file's bytes) must be of that kind, so {@code 报告.exe.pdf} with a program inside is
 * refused. A file beyond the limits is refused with a message naming the field, its size or
 * type, and the limit.
 */
@Component
public class EvidencePolicy {

  private final long maxBytes;
  private final List<String> allowedExtensions;
  private final org.apache.tika.Tika tika = new org.apache.tika.Tika();

  public EvidencePolicy(OversightProperties properties) {
    this.maxBytes = properties.evidence().maxBytes();
    this.allowedExtensions = properties.evidence().allowedExtensions().stream()
        .map(e -> e.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).toList();
  }

  /** Checks the file in {@code variable} if there is one; returns whether there is one. */
  public boolean check(VariableScope scope, String variable, String label) {
    TypedValue typed = scope.getVariableTyped(variable);
    if (typed == null || typed.getValue() == null) {
      return false;
    }
    if (!(typed instanceof FileValue file)) {
      throw new FieldValidationException(variable, label, "应为上传的文件");
    }
    String name = file.getFilename() == null ? "" : file.getFilename();
    if (name.isBlank() && size(file) == 0) {
      return false; // an optional file field left empty: Tasklist sends an empty file without a name
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!allowedExtensions.contains(ext)) {
      throw new FieldValidationException(variable, label, "文件「" + name + "」的类型不允许，允许的类型："
          + String.join("、", allowedExtensions));
    }
    long size = size(file);
    if (size == 0) {
      throw new FieldValidationException(variable, label, "文件「" + name + "」为空");
    }
    if (size > maxBytes) {
      throw new FieldValidationException(variable, label, "文件「" + name + "」大小 " + mb(size)
          + "，超过上限 " + mb(maxBytes));
    }
    String detected = detect(file);
    if (!FileKinds.matches(ext, detected)) {
      throw new FieldValidationException(variable, label, "文件「" + name + "」的内容与扩展名 ." + ext
          + " 不符（检测为 " + FileKinds.describe(detected) + "），请上传真实的 " + ext + " 文件");
    }
    return true;
  }

  /**
   * Checks an uploaded file's name, size and content (the same rules as a form's file field);
   * returns the detected media type.
   */
  public String checkBytes(String field, String label, String name, byte[] content) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!allowedExtensions.contains(ext)) {
      throw new FieldValidationException(field, label, "文件「" + name + "」的类型不允许，允许的类型："
          + String.join("、", allowedExtensions));
    }
    if (content == null || content.length == 0) {
      throw new FieldValidationException(field, label, "文件「" + name + "」为空");
    }
    if (content.length > maxBytes) {
      throw new FieldValidationException(field, label, "文件「" + name + "」大小 " + mb(content.length)
          + "，超过上限 " + mb(maxBytes));
    }
    String detected = tika.detect(content);
    if (!FileKinds.matches(ext, detected)) {
      throw new FieldValidationException(field, label, "文件「" + name + "」的内容与扩展名 ." + ext
          + " 不符（检测为 " + FileKinds.describe(detected) + "），请上传真实的 " + ext + " 文件");
    }
    return detected;
  }

  /** The media type of the file's content, by its leading bytes only (never by its name). */
  private String detect(FileValue file) {
    try (var in = new java.io.BufferedInputStream(file.getValue())) {
      return tika.detect(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read evidence file", e);
    }
  }

  public void require(VariableScope scope, String variable, String label) {
    if (!check(scope, variable, label)) {
      throw FieldValidationException.missing(variable, label);
    }
  }

  private static long size(FileValue file) {
    if (file instanceof FileValueImpl impl) {
      return impl.getByteArray() == null ? 0 : impl.getByteArray().length;
    }
    try (var in = file.getValue()) {
      return in == null ? 0 : in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read evidence file", e);
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }
}
