package org.ecobureau.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskProcess;
import org.ecobureau.oversight.escalation.EscalationSweepProcess;
import org.ecobureau.oversight.escalation.ExtensionRequestProcess;
import org.ecobureau.oversight.escalation.ListedSupervisionProcess;
import org.ecobureau.oversight.escalation.SummonsProcess;
import org.ecobureau.oversight.notification.SendNoticeProcess;
import org.ecobureau.oversight.rectification.RectificationItemProcess;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Each backing class's {@code Element} enum names exactly the flow nodes of its diagram, so code
 * that switches on a task's element id (e.g. {@code TaskNotices}) through the enum cannot name
 * an id the diagram lost, and a node added to the diagram is added to the enum.
 */
class ProcessElementsTest {

  static final Map<String, Class<? extends Enum<?>>> ELEMENTS = Map.of(
      CountyAssignmentProcess.KEY, CountyAssignmentProcess.Element.class,
      RectificationItemProcess.KEY, RectificationItemProcess.Element.class,
      KeyTaskProcess.KEY, KeyTaskProcess.Element.class,
      SummonsProcess.KEY, SummonsProcess.Element.class,
      ListedSupervisionProcess.KEY, ListedSupervisionProcess.Element.class,
      ExtensionRequestProcess.KEY, ExtensionRequestProcess.Element.class,
      EscalationSweepProcess.KEY, EscalationSweepProcess.Element.class,
      SendNoticeProcess.KEY, SendNoticeProcess.Element.class);

  @Test
  void everyElementEnumNamesTheFlowNodesOfItsDiagram() throws IOException {
    for (var entry : ELEMENTS.entrySet()) {
      BpmnModelInstance model;
      try (InputStream in = new ClassPathResource("bpmn/" + entry.getKey() + ".bpmn").getInputStream()) {
        model = Bpmn.readModelFromStream(in);
      }
      assertThat((Object) model.getModelElementById(entry.getKey())).as("process %s", entry.getKey()).isNotNull();
      Set<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
          .collect(Collectors.toSet());
      Set<String> names = Arrays.stream(entry.getValue().getEnumConstants()).map(Enum::name)
          .collect(Collectors.toSet());
      assertThat(names).as("%s Element enum", entry.getKey()).isEqualTo(nodes);
    }
  }
}
