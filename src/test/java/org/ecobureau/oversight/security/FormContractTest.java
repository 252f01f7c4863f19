package org.ecobureau.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.ecobureau.oversight.common.FormAssembler;
import org.junit.jupiter.api.Test;

/**
 * The forms' contracts as read from bpmn/forms, assembled as they are deployed (fragments
 * included), and the submission rule applied to them.
 */
class FormContractTest {

  static final Map<String, String> FORMS =
      FormAssembler.assembledForms(Map.of(FormAssembler.EVIDENCE_MAX_BYTES, "20971520"));

  static FormContract form(String name) {
    String resource = FormAssembler.FORMS + name;
    assertThat(FORMS).containsKey(resource);
    return FormContract.parse("embedded:deployment:" + resource, FORMS.get(resource));
  }

  @Test
  void aFormAcceptsWhatAPersonFillsInNotWhatItShows() throws IOException {
    FormContract accept = form("accept-assignment.html");
    assertThat(accept.fields().keySet()).contains("responsiblePerson", "responsiblePhone")
        .doesNotContain("taskCode", "taskTitle", "countyName", "leadUnitNames");
    FormContract review = form("review-claim.html");
    assertThat(review.fields().keySet()).contains("claimDecision", "claimComment")
        .doesNotContain("claimType", "completionSummary", "taskCode");
    FormContract evidence = form("request-acceptance.html");
    assertThat(evidence.fields().get("acceptanceEvidence").type()).isEqualTo("file");
    // created by the form's script (a date picker)
    assertThat(form("request-extension.html").fields()).containsKeys("itemKey", "extensionReason", "requestedDue");
    assertThat(form("request-extension.html").fields().get("requestedDue").type()).isEqualTo("date");
    // the deadline pickers send the day (or 长期坚持) as text, the server parses it again
    assertThat(form("rectification-plan.html").fields()).containsKey("planDeadline");
    assertThat(form("rectification-plan.html").fields().get("planDeadline").type()).isEqualTo("string");
    assertThat(form("dispatch-key-task.html").fields()).containsKey("newDeadline");
    // and the start forms' item lists send the chosen business key
    assertThat(form("request-extension.html").fields().get("itemKey").type()).isEqualTo("string");
  }

  @Test
  void whatAFormOnlyShowsMaySentBackAndIsLeftOutNeverWritten() throws IOException {
    FormContract dispatch = form("dispatch-key-task.html");
    assertThat(dispatch.display()).contains("countyOptions", "deadline", "taskCode");
    JsonNode echoed = new ObjectMapper().valueToTree(Map.of("variables", Map.of(
        "assignedCounties", Map.of("value", "anding", "type", "String"),
        "countyOptions", Map.of("value", "anding:安定区", "type", "String"))));
    SubmissionCheck.Result result = SubmissionCheck.check(dispatch, echoed, false);
    assertThat(result.problems()).isEmpty();
    assertThat(result.leftOut()).containsExactly("countyOptions");
  }

  @Test
  void noFormDeclaresAVariableTheServerOwns() throws IOException {
    assertThat(FORMS).hasSizeGreaterThan(20);
    for (String resource : FORMS.keySet()) {
      FormContract c = form(resource.substring(FormAssembler.FORMS.length()));
      assertThat(c.fields().keySet()).as(resource).doesNotContainAnyElementsOf(SubmissionCheck.PROTECTED);
    }
  }

  @Test
  void undeclaredProtectedMistypedOrTooLongValuesAreRefusedByName() throws IOException {
    FormContract accept = form("accept-assignment.html");
    ObjectMapper json = new ObjectMapper();
    JsonNode ok = json.valueToTree(Map.of("variables", Map.of(
        "responsiblePerson", Map.of("value", "张伟", "type", "String"))));
    assertThat(SubmissionCheck.problems(accept, ok, false)).isEmpty();

    JsonNode extra = json.valueToTree(Map.of("variables", Map.of(
        "reviewerGroups", Map.of("value", "county-anding", "type", "String"))));
    assertThat(SubmissionCheck.problems(accept, extra, false)).singleElement().asString().contains("reviewerGroups");

    JsonNode typed = json.valueToTree(Map.of("variables", Map.of(
        "responsiblePerson", Map.of("value", "x", "type", "Object"))));
    assertThat(SubmissionCheck.problems(accept, typed, false)).singleElement().asString().contains("responsiblePerson");

    JsonNode longText = json.valueToTree(Map.of("variables", Map.of(
        "responsiblePerson", Map.of("value", "张".repeat(5000), "type", "String"))));
    assertThat(SubmissionCheck.problems(accept, longText, false)).singleElement().asString()
        .contains("responsiblePerson").contains("5000");

    JsonNode option = json.valueToTree(Map.of("variables", Map.of(), "skipCustomListeners", true));
    assertThat(SubmissionCheck.problems(accept, option, true)).singleElement().asString().contains("skipCustomListeners");
    JsonNode businessKey = json.valueToTree(Map.of("businessKey", "KT-1:anding"));
    assertThat(SubmissionCheck.problems(accept, businessKey, true)).hasSize(1);
    assertThat(SubmissionCheck.problems(accept, businessKey, false)).hasSize(1);
  }
}
