package org.ecobureau.oversight.importing;

/**
 * One thing wrong with an imported file: where (file, row as the user counts it with the header
 * as row 1, column header) and why, in Chinese.
 */
public record ImportProblem(String file, Integer row, String column, String reason) {

  public static ImportProblem ofFile(String file, String reason) {
    return new ImportProblem(file, null, null, reason);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file == null ? "" : file);
    if (row != null) {
      b.append(" 第").append(row).append("行");
    }
    if (column != null) {
      b.append(" 列「").append(column).append("」");
    }
    return b.append("：").append(reason).toString();
  }
}
