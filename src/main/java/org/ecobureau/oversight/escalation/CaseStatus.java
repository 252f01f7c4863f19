package org.ecobureau.oversight.escalation;

import org.springframework.stereotype.Component;

/** For the diagrams' conditions: {@code ${caseStatus.open(execution.processBusinessKey)}}. */
@Component("caseStatus")
public class CaseStatus {

  private final CaseRepository cases;

  public CaseStatus(CaseRepository cases) {
    this.cases = cases;
  }

  /** Whether the assignment or item with this business key is still being worked on. */
  public boolean open(String businessKey) {
    return cases.find(businessKey).map(SupervisionCase::active).orElse(false);
  }
}
