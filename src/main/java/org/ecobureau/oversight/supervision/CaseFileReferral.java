package org.ecobureau.oversight.supervision;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * 移交问责 (supervision-measure.bpmn): the referral to the discipline inspection commission carries
 * the item's case file (一案一档) as it stands, as an Excel workbook attached to the measure
 * ({@code referralCaseFile}); Cockpit and the measure's history offer it for download.
 */
@Component("caseFileReferral")
public class CaseFileReferral implements JavaDelegate {

  public static final String VARIABLE = "referralCaseFile";

  private final CaseFileService caseFiles;

  public CaseFileReferral(CaseFileService caseFiles) {
    this.caseFiles = caseFiles;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    CaseFile file = caseFiles.caseFileOfRecord(key);
    byte[] workbook = CaseFileWorkbook.toBytes(file);
    execution.setVariable(VARIABLE, Variables.fileValue("一案一档-" + key.replace(':', '-') + ".xlsx")
        .file(workbook).mimeType(CaseFileWorkbook.CONTENT_TYPE).create());
  }
}
