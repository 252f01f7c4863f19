package org.ecobureau.oversight.reporting;

import java.util.List;
import org.ecobureau.oversight.common.FieldValidationException;
import org.ecobureau.oversight.escalation.SupervisionCase;

/**
 * The rules for the party's values of one row, shared by saving a draft and submitting: each
 * failure is a {@link FieldValidationException} naming the row (its code and title) and the field.
 */
public final class RowValues {

  public static final int TEXT_MAX = 2000;
  public static final int ACHIEVED_MAX = 200;
  public static final String CLAIM_COMPLETED = "completed";
  public static final String CLAIM_STANDING = "standing";

  private RowValues() {}

  /** Checks what a draft may hold (types and lengths), whatever is still empty. */
  public static ReportRow draft(ReportRow row, Object progress, Object workDone, Object problems, Object nextSteps,
      Object achieved, Object claim, Object claimType, Object claimSummary) {
    Integer p = null;
    if (progress != null && !"".equals(progress)) {
      double d;
      if (progress instanceof Number n) {
        d = n.doubleValue();
      } else {
        try {
          d = Double.parseDouble(progress.toString().trim());
        } catch (NumberFormatException e) {
          throw problem(row, "progress", "完成进度(%)", "应为 0 到 100 之间的整数，收到「" + progress + "」");
        }
      }
      if (d != Math.rint(d) || d < 0 || d > 100) {
        throw problem(row, "progress", "完成进度(%)", "应为 0 到 100 之间的整数，收到 " + progress);
      }
      p = (int) d;
    }
    boolean isClaim = Boolean.TRUE.equals(claim) || "true".equals(String.valueOf(claim));
    String type = text(row, "claimType", "销号类型", claimType, 20);
    if (type != null && !List.of(CLAIM_COMPLETED, CLAIM_STANDING).contains(type)) {
      throw problem(row, "claimType", "销号类型", "应为 completed（已完成）或 standing（长期坚持）");
    }
    return row.withValues(p, text(row, "workDone", "本期工作进展", workDone, TEXT_MAX),
        text(row, "problems", "存在问题", problems, TEXT_MAX), text(row, "nextSteps", "下步打算", nextSteps, TEXT_MAX),
        text(row, "achieved", "指标完成值", achieved, ACHIEVED_MAX), isClaim, isClaim ? type : null,
        isClaim ? text(row, "claimSummary", "完成情况说明", claimSummary, TEXT_MAX) : null);
  }

  /** Checks that a row is complete for submission; {@code files} is how many evidence files it has. */
  public static void complete(ReportRow row, int files) {
    if (row.progress() == null) {
      throw problem(row, "progress", "完成进度(%)", "未填写");
    }
    if (row.workDone() == null || row.workDone().isBlank()) {
      throw problem(row, "workDone", "本期工作进展", "未填写");
    }
    if (!row.claim()) {
      return;
    }
    if (SupervisionCase.KEY_TASK.equals(row.kind())) {
      if (row.claimType() == null) {
        throw problem(row, "claimType", "销号类型", "申请销号时应选择“已完成”或“长期坚持”");
      }
      if (CLAIM_STANDING.equals(row.claimType()) && row.deadline() != null) {
        throw problem(row, "claimType", "销号类型", "只有长期性任务可按“长期坚持”销号");
      }
      if (CLAIM_COMPLETED.equals(row.claimType()) && row.progress() != 100) {
        throw problem(row, "progress", "完成进度(%)", "申请销号（已完成）时应为 100");
      }
      if (row.claimSummary() == null || row.claimSummary().isBlank()) {
        throw problem(row, "claimSummary", "完成情况说明", "申请销号时必须填写");
      }
      if (files == 0) {
        throw problem(row, "evidence", "佐证材料", "申请销号时至少上传一个佐证材料");
      }
    }
  }

  private static String text(ReportRow row, String field, String label, Object value, int max) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    if (s.length() > max) {
      throw problem(row, field, label, "内容过长（" + s.length() + " 字），最多 " + max + " 字");
    }
    return s.isEmpty() ? null : s;
  }

  static FieldValidationException problem(ReportRow row, String field, String label, String message) {
    return new FieldValidationException("rows[" + row.code() + "]." + field,
        "第" + row.seq() + "行（" + row.code() + " " + row.title() + "）" + label, message);
  }
}
