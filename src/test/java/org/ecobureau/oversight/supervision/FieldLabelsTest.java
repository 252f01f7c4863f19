package org.ecobureau.oversight.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.ecobureau.oversight.security.FormContract;
import org.junit.jupiter.api.Test;

/**
 * A field is named the same way everywhere: the label on its typed variable is what the case
 * file shows and what its form's label says.
 */
class FieldLabelsTest {

  @Test
  void everyFormLabelsALabelledFieldAsItsVariableDoes() throws IOException {
    Map<String, String> labels = CaseFileService.LABELS;
    int checked = 0;
    try (Stream<Path> files = Files.list(Path.of("bpmn/forms"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
        FormContract form = FormContract.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        for (FormContract.Field field : form.fields().values()) {
          String label = labels.get(field.name());
          if (label != null) {
            assertThat(field.label()).as("%s: %s", f.getFileName(), field.name()).contains(label);
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("labelled fields found in the forms").isGreaterThan(10);
  }

  @Test
  void aRectificationCaseFileNamesThePlanAsPeopleDo() {
    assertThat(CaseFileService.LABELS).containsEntry("planMeasures", "整改措施").containsEntry("selfCheck", "自查情况")
        .containsEntry("notConcernedReason", "不涉及理由");
  }
}
