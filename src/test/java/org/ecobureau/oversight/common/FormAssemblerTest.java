package org.ecobureau.oversight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forms as deployed: fragments written once, the upload limit from configuration. */
class FormAssemblerTest {

  static final Map<String, String> SETTINGS = Map.of(FormAssembler.EVIDENCE_MAX_BYTES, "20971520");

  @Test
  void everyDeployedFormIsCompleteAndCarriesTheConfiguredUploadLimit() {
    Map<String, String> deployed = ProcessDeployer.deployable(ProcessDeployer.resources(), SETTINGS);
    assertThat(deployed.keySet()).noneMatch(FormAssembler::isFragment)
        .contains("bpmn/county-assignment.bpmn", "bpmn/forms/review-claim.html");
    Map<String, String> forms = FormAssembler.assembledForms(SETTINGS);
    assertThat(forms).hasSizeGreaterThan(20);
    forms.forEach((name, html) -> {
      assertThat(deployed).containsEntry(name, html);
      assertThat(html).as(name).doesNotContain("<!-- include", "<!-- end include", "<!-- slot", "${")
          .startsWith("<form ");
      assertThat(html).as(name).doesNotContain("cam-max-filesize=\"20000000\"");
    });
    for (String upload : new String[] {"record-summons", "request-acceptance", "look-back-self-check"}) {
      assertThat(forms.get(FormAssembler.FORMS + upload + ".html")).contains("cam-max-filesize=\"20971520\"");
    }
    // the shared blocks arrive whole, with the parameters of the form that includes them
    assertThat(forms.get("bpmn/forms/review-claim.html"))
        .contains("<legend>任务信息</legend>", "cam-variable-name=\"countyName\"",
            "ng-required=\"claimReviewForm.claimDecision.$modelValue === 'return'\"", ">退回时请填写理由</p>");
    assertThat(forms.get("bpmn/forms/review-look-back.html"))
        .contains("<legend>问题信息</legend>", "<option value=\"rebound\">发现反弹，红牌重办</option>",
            "ng-required=\"lookBackReviewForm.lookBackDecision.$modelValue === 'rebound'\"");
    assertThat(forms.get("bpmn/forms/accept-assignment.html"))
        .containsSubsequence("cam-variable-name=\"countyName\"", "cam-variable-name=\"taskContent\"",
            "cam-variable-name=\"target\"", "</fieldset>", "<legend>签收</legend>");
  }

  @Test
  void theSameFilesAndSettingsGiveTheSameFormsSoARestartDeploysNothingNew() {
    assertThat(FormAssembler.assembledForms(SETTINGS)).isEqualTo(FormAssembler.assembledForms(SETTINGS));
    assertThat(FormAssembler.assembledForms(Map.of(FormAssembler.EVIDENCE_MAX_BYTES, "1048576"))
        .get("bpmn/forms/request-acceptance.html")).contains("cam-max-filesize=\"1048576\"");
  }

  @Test
  void aFragmentIsIndentedLikeItsMarkerTakesParametersDefaultsAndABody() {
    FormAssembler assembler = new FormAssembler(Map.of(
        "box", "<!-- a box -->\n<div title=\"${title}\" data-kind=\"${kind:plain}\" data-form=\"${form}\">\n  <!-- slot -->\n</div>\n"),
        Map.of("limit", "42"));
    String html = """
        <form name="f">
          <!-- include: box
               title="甲" -->
          <!-- include: box title="乙" kind="fancy" -->
            <p>${limit}</p>
          <!-- end include -->
        </form>
        """;
    assertThat(assembler.assemble("x.html", html)).isEqualTo("""
        <form name="f">
          <div title="甲" data-kind="plain" data-form="f">
          </div>
          <div title="乙" data-kind="fancy" data-form="f">
            <p>42</p>
          </div>
        </form>
        """);
  }

  @Test
  void anUnknownFragmentParameterOrSettingStopsTheDeployment() {
    FormAssembler assembler = new FormAssembler(Map.of("box", "<div>${title}</div>\n"), Map.of());
    assertThatThrownBy(() -> assembler.assemble("x.html", "<!-- include: nothing -->\n"))
        .hasMessageContaining("nothing");
    assertThatThrownBy(() -> assembler.assemble("x.html", "<!-- include: box title=\"a\" titel=\"b\" -->\n"))
        .hasMessageContaining("titel");
    assertThatThrownBy(() -> assembler.assemble("x.html", "<!-- include: box -->\n"))
        .hasMessageContaining("${title}");
    assertThatThrownBy(() -> assembler.assemble("x.html", "<input cam-max-filesize=\"${oversight.evidence.max-bytes}\">"))
        .hasMessageContaining("oversight.evidence.max-bytes");
  }
}
