package org.ecobureau.oversight.escalation;

import java.util.List;
import org.ecobureau.oversight.common.Var;
import org.ecobureau.oversight.identity.ProcessAccess;

/**
 * Contract of {@code bpmn/supervision-measure.bpmn} (督办措施决定), business key that of the case:
 * opened by the ladder at a red card; a lead decides the measure — 约谈 (the summons process), 函询
 * (the county answers in writing), 通报, 挂牌督办 (the listing process) or 移交问责 (referral to the
 * discipline inspection commission with the case file attached) — and each is recorded on the case.
 */
public final class SupervisionMeasureProcess {

  public static final String KEY = "supervision-measure";

  /** Counties read it (they answer an inquiry); the city reads all. */
  public static final ProcessAccess ACCESS = ProcessAccess.sharedWithCountiesAndUnits(KEY);

  public static final String SUMMONS = "summons";
  public static final String INQUIRY = "inquiry";
  public static final String BULLETIN = "bulletin";
  public static final String LISTING = "listing";
  public static final String REFERRAL = "referral";
  public static final List<String> MEASURES = List.of(SUMMONS, INQUIRY, BULLETIN, LISTING, REFERRAL);

  /** The measure as the case file and mails name it. */
  public static String label(String measure) {
    return switch (measure) {
      case SUMMONS -> "约谈";
      case INQUIRY -> "函询";
      case BULLETIN -> "通报";
      case LISTING -> "挂牌督办";
      case REFERRAL -> "移交问责";
      default -> measure;
    };
  }

  public enum Element {
    redCardRaised, decideSupervisionMeasure, measureChosen, openSummons, answerInquiry, issueBulletin, openListing,
    referForAccountability, measureJoined, measureTaken;
  }

  public static final class Vars {
    public static final Var<String> MEASURE = Var.of("supervisionMeasure", String.class, "督办措施");
    public static final Var<String> MEASURE_NOTE = Var.of("measureNote", String.class, "督办要求");
    public static final Var<String> REFERRAL_TO = Var.of("referralTo", String.class, "移交机关");
    public static final Var<String> INQUIRY_ANSWER = Var.of("inquiryAnswer", String.class, "函询回复");
    public static final Var<String> INQUIRY_ANSWERED_BY = Var.of("inquiryAnsweredBy", String.class, "回复人");

    private Vars() {}
  }

  private SupervisionMeasureProcess() {}
}
