package org.ecobureau.oversight.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hostile uploads, generated in the test. */
public final class CraftedFiles {

  private CraftedFiles() {}

  /**
   * A valid XLSX of about 1.25 MB whose one sheet inflates to about 94 MB (a ratio near 75:1,
   * under POI's 100:1 zip-bomb guard): a key-task header and 460,000 rows of plausible cells.
   */
  public static byte[] xlsxBomb() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.setLevel(9);
        put(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            </Types>""");
        put(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>""");
        put(zip, "xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="分工表" sheetId="1" r:id="rId1"/></sheets>
            </workbook>""");
        put(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>""");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        OutputStream out = zip;
        out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + row(1, "序号", "重点任务", "牵头单位", "完成时限")).getBytes(StandardCharsets.UTF_8));
        Random random = new Random(9);
        StringBuilder chunk = new StringBuilder();
        for (int r = 2; r <= 460_000; r++) {
          chunk.append(row(r, "T-" + r, "任务" + random.nextInt(2),
              "市生态环境局", "2025年底前"));
          if (chunk.length() > 1 << 16) {
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
            chunk.setLength(0);
          }
        }
        out.write((chunk + "</sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String row(int r, String... values) {
    // rows and cells without their optional r attribute, as some generators write them
    StringBuilder b = new StringBuilder("<row>");
    for (String value : values) {
      b.append("<c t=\"inlineStr\"><is><t>").append(value).append("</t></is></c>");
    }
    return b.append("</row>").toString();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
