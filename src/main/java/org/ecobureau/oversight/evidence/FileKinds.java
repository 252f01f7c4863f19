package org.ecobureau.oversight.evidence;

import java.util.Map;
import java.util.Set;

/**
 * Which detected content types each allowed extension may carry. Office files of the 97–2003
 * family (and WPS) are OLE2 containers; the 2007 family, OFD and zip are zip containers, which
 * Tika's core detector reports as zip or OOXML without looking inside.
 */
final class FileKinds {

  private FileKinds() {}

  private static final Set<String> OLE2 = Set.of("application/x-tika-msoffice", "application/msword",
      "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/vnd.ms-works",
      "application/x-tika-ooxml-protected");
  private static final Set<String> ZIP = Set.of("application/zip", "application/x-tika-ooxml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/ofd");

  private static final Map<String, Set<String>> BY_EXTENSION = Map.ofEntries(
      Map.entry("pdf", Set.of("application/pdf")),
      Map.entry("jpg", Set.of("image/jpeg")),
      Map.entry("jpeg", Set.of("image/jpeg")),
      Map.entry("png", Set.of("image/png")),
      Map.entry("gif", Set.of("image/gif")),
      Map.entry("bmp", Set.of("image/bmp", "image/x-ms-bmp")),
      Map.entry("doc", OLE2), Map.entry("xls", OLE2), Map.entry("ppt", OLE2), Map.entry("wps", OLE2),
      Map.entry("docx", ZIP), Map.entry("xlsx", ZIP), Map.entry("pptx", ZIP),
      Map.entry("ofd", ZIP), Map.entry("zip", ZIP));

  private static final Map<String, String> NAMES = Map.of(
      "application/x-msdownload", "Windows 可执行程序",
      "application/x-dosexec", "Windows 可执行程序",
      "application/x-executable", "可执行程序",
      "application/x-sh", "脚本",
      "text/plain", "纯文本",
      "text/html", "网页",
      "application/octet-stream", "无法识别的内容");

  private static final Set<String> PROGRAMS = Set.of("application/x-msdownload", "application/x-dosexec",
      "application/x-executable", "application/x-sh", "application/x-elf", "application/x-mach-o-executable",
      "application/java-archive", "application/x-msi", "application/javascript", "text/html");

  /**
   * Whether content of this detected type may carry this (allowed) extension. An extension an
   * installation allows beyond the known ones takes any content but programs and web pages.
   */
  static boolean matches(String extension, String detected) {
    if (detected == null) {
      return false;
    }
    Set<String> kinds = BY_EXTENSION.get(extension);
    return kinds == null ? !PROGRAMS.contains(detected) : kinds.contains(detected);
  }

  /** The detected type as people read it. */
  static String describe(String detected) {
    return NAMES.getOrDefault(detected, detected);
  }
}
