package org.ecobureau.oversight.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rule for what a task completion or a start-form submission through the REST API may write:
 * the variables its form lets a person fill in, of the declared kind and within the declared
 * length, and nothing else. What the form only shows (read-only fields, variables its script
 * fetches) Tasklist may send back: those are left out before the engine sees the submission, so
 * they are never written. Any other name, and any variable the server owns ({@link #PROTECTED})
 * that the form does not show, is refused. Pure logic: the caller finds the form's contract.
 */
public final class SubmissionCheck {

  private SubmissionCheck() {}

  /**
   * Variables only the server writes: who works on and who reviews an item, the escalation
   * ladder's level, and the item's identity and outcome.
   */
  public static final Set<String> PROTECTED = Set.of(
      "countyGroup", "reviewerGroups", "acceptanceGroup", "leadUnits", "county", "countyName",
      "warningLevel", "warningLevelName", "closure", "signedOffBy", "signedOffAt", "reportId",
      "objectionFiledBy", "reboundCount", "extendedTaskId", "currentDue", "assignedUnits", "coopUnits",
      "party", "partyGroup", "reviewGroups", "reviewGroup", "claimReport");

  /** What a submission may carry besides its variables. */
  private static final Set<String> TASK_KEYS = Set.of("variables", "withVariablesInReturn");
  private static final Set<String> START_KEYS = Set.of("variables", "businessKey", "withVariablesInReturn");

  private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "double");

  /**
   * The outcome of the check: the problems, in Chinese, each naming the field (none when the
   * submission is acceptable), and the shown-only variables to leave out of it.
   */
  public record Result(List<String> problems, List<String> leftOut) {
    public boolean acceptable() {
      return problems.isEmpty();
    }
  }

  /** The problems of a submission, each naming the field; empty when it is acceptable. */
  public static List<String> problems(FormContract contract, JsonNode body, boolean start) {
    return check(contract, body, start).problems();
  }

  /**
   * Checks a submission against its form.
   *
   * @param body  the request's JSON body (may be null for an empty body)
   * @param start whether this is a start (process start or start form) rather than a task
   */
  public static Result check(FormContract contract, JsonNode body, boolean start) {
    List<String> problems = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    Result result = new Result(problems, leftOut);
    if (body == null || body.isNull() || body.isMissingNode()) {
      return result;
    }
    if (!body.isObject()) {
      problems.add("请求体应为 JSON 对象");
      return result;
    }
    Set<String> allowedKeys = start ? START_KEYS : TASK_KEYS;
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowedKeys.contains(key)) {
        problems.add("不允许的参数「" + key + "」");
      }
    }
    JsonNode businessKey = body.get("businessKey");
    if (start && businessKey != null && !businessKey.isNull() && !businessKey.asText().isBlank()) {
      problems.add("不允许的参数「businessKey」：业务编号由系统根据所选事项确定");
    }
    JsonNode variables = body.get("variables");
    if (variables == null || variables.isNull()) {
      return result;
    }
    if (!variables.isObject()) {
      problems.add("参数「variables」应为 JSON 对象");
      return result;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      FormContract.Field field = contract.fields().get(name);
      if (field == null && contract.display().contains(name)) {
        leftOut.add(name); // shown by the form, sent back by Tasklist: never written
        continue;
      }
      if (field == null || PROTECTED.contains(name)) {
        problems.add("字段「" + name + "」不属于本表单，不能提交");
        continue;
      }
      String problem = valueProblem(field, e.getValue());
      if (problem != null) {
        problems.add("字段「" + field.label() + "」(" + name + ")：" + problem);
      }
    }
    return result;
  }

  private static String valueProblem(FormContract.Field field, JsonNode variable) {
    if (variable == null || !variable.isObject()) {
      return "格式应为 {\"value\": …, \"type\": …}";
    }
    JsonNode value = variable.get("value");
    JsonNode typeNode = variable.get("type");
    String sent = typeNode == null || typeNode.isNull() ? null : typeNode.asText().toLowerCase(Locale.ROOT);
    String declared = field.type();
    boolean fileDeclared = "file".equals(declared);
    if (sent != null && !compatible(declared, sent)) {
      return "类型应为 " + declared + "，收到 " + sent;
    }
    if (fileDeclared) {
      if (sent == null && value != null && !value.isNull()) {
        return "应为上传的文件（type 为 File）";
      }
      return null;
    }
    if (value == null || value.isNull()) {
      return null;
    }
    if (sent == null && !inferredCompatible(declared, value)) {
      return "值的类型不符合表单（应为 " + declared + "）";
    }
    if (value.isTextual()) {
      int length = value.asText().codePointCount(0, value.asText().length());
      if (length > field.maxLength()) {
        return "长度 " + length + " 字，超过上限 " + field.maxLength() + " 字";
      }
    } else if (value.isContainerNode()) {
      return "值应为单个数值或文字";
    }
    return null;
  }

  private static boolean compatible(String declared, String sent) {
    if (declared.equals(sent)) {
      return true;
    }
    return NUMERIC.contains(declared) && NUMERIC.contains(sent);
  }

  private static boolean inferredCompatible(String declared, JsonNode value) {
    return switch (declared) {
      case "boolean" -> value.isBoolean();
      case "long", "integer", "short", "double" -> value.isNumber();
      default -> value.isTextual();
    };
  }
}
