package org.ecobureau.oversight.web;

import java.nio.charset.StandardCharsets;

/** How the application's downloads are named in the browser. */
public final class Downloads {

  /**
   * {@code attachment; filename*=UTF-8''<name>} with the name percent-encoded as RFC 5987 asks:
   * plain ASCII in the header, so a Chinese file name reaches the browser (a raw non-Latin-1 name is
   * dropped by Tomcat with the whole header). Every browser in use reads it; no RFC 2047 fallback,
   * which RFC 6266 advises against.
   */
  public static String attachment(String filename) {
    StringBuilder sb = new StringBuilder("attachment; filename*=UTF-8''");
    for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private Downloads() {}
}
