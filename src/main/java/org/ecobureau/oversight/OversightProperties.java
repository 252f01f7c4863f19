package org.ecobureau.oversight;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an installation configures; see application.yaml for the defaults.
 *
 * @param baseUrl public address used in mail links; empty: {@code http://localhost:<the server's
 *     actual port>} (see {@code web.PublicAddress})
 */
@ConfigurationProperties("oversight")
public record OversightProperties(
    String baseUrl,
    @DefaultValue Org org,
    @DefaultValue Calendar calendar,
    @DefaultValue Catalogue catalogue,
    @DefaultValue Durations durations,
    @DefaultValue Mail mail,
    @DefaultValue Admin admin,
    @DefaultValue Demo demo,
    @DefaultValue Evidence evidence,
    @DefaultValue Escalation escalation,
    @DefaultValue Security security,
    @DefaultValue Letters letters,
    @DefaultValue Upload upload,
    @DefaultValue Reporting reporting) {

  /**
   * Periodic reporting: a period's reports open on {@code opensOnDay} of the period's month, are
   * due on {@code dueDay} of the next month (the next working day when that is not one), and the
   * reviewer is offered 滞后 when the reported progress falls short of the expected pace by more
   * than {@code lagMargin} percentage points.
   */
  public record Reporting(
      @DefaultValue("20") int opensOnDay,
      @DefaultValue("5") int dueDay,
      @DefaultValue("10") int lagMargin) {}

  /** Protection of the login: failed logins per client address before it is blocked for a while. */
  public record Security(@DefaultValue Login login) {
    public record Login(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("10m") java.time.Duration window,
        @DefaultValue("15m") java.time.Duration block) {}
  }

  /** The supervision letter as a Word document. */
  public record Letters(String font) {}

  /**
   * What one imported table (catalogue, ledger) may cost: data rows, non-empty cells, bytes
   * inflated from an XLSX, seconds of reading; and how many problems a refusal lists.
   */
  public record Upload(
      @DefaultValue("10000") int maxRows,
      @DefaultValue("300000") long maxCells,
      @DefaultValue("31457280") long maxInflatedBytes,
      @DefaultValue("20") int maxSeconds,
      @DefaultValue("200") int maxErrors) {

    public org.ecobureau.oversight.importing.TableReader.Limits limits(long maxBytes) {
      return new org.ecobureau.oversight.importing.TableReader.Limits(maxBytes, maxRows, maxCells,
          maxInflatedBytes, maxSeconds * 1000L);
    }
  }

  /** The ladder's daily sweep: at most this many cases raised per transaction. */
  public record Escalation(@DefaultValue("500") int sweepBatch) {}

  /** Evidence file limits. */
  public record Evidence(
      @DefaultValue("20971520") long maxBytes,
      @DefaultValue({"jpg", "jpeg", "png", "gif", "bmp", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "ofd", "zip"})
      List<String> allowedExtensions) {}

  /**
   * The city: its counties and units (data files) and the names its texts use. The names have no
   * default here: application.yaml gives Dingxi's, {@code org/lanzhou/city.yaml} Lanzhou's.
   *
   * @param city the city's name, e.g. 定西市
   * @param issuingBody who issues supervision letters and signs them, e.g. 定西市生态环境局
   * @param letterPrefix the issuing body's prefix of letter numbers (发文字号), e.g. 定环督函
   */
  public record Org(
      @DefaultValue("classpath:org/dingxi/counties.csv") String counties,
      @DefaultValue("classpath:org/dingxi/units.csv") String units,
      String city,
      String issuingBody,
      String letterPrefix) {}

  public record Calendar(@DefaultValue("classpath*:calendar/cn-*.csv") String files) {}

  public record Catalogue(
      @DefaultValue("classpath:catalog/key-tasks.csv") String bundled,
      @DefaultValue("5242880") long maxUploadBytes) {}

  /** Durations in working days. */
  public record Durations(
      @DefaultValue("5") int dispatch,
      @DefaultValue("3") int accept,
      @DefaultValue("1") int acceptFollowUp,
      @DefaultValue("5") int review,
      @DefaultValue("3") int revise,
      @DefaultValue("10") int claim,
      @DefaultValue("5") int signOff,
      @DefaultValue("5") int close,
      @DefaultValue("5") int publicNotice,
      @DefaultValue("30") int plan,
      @DefaultValue("10") int lookBack,
      @DefaultValue("3") int reminderBefore,
      @DefaultValue("5") int yellowAfter,
      @DefaultValue("15") int redAfter,
      @DefaultValue("30") int writtenReport,
      @DefaultValue("10") int summons,
      @DefaultValue("5") int weeklyReport,
      @DefaultValue("3") int extensionDecision,
      @DefaultValue("10") int letterReply) {}

  public record Mail(@DefaultValue("oversight@localhost") String from) {}

  public record Admin(String user, String password) {}

  /**
   * The demo: demo users with one password, the key tasks started at boot, and (mailCatcher) an
   * in-process SMTP server on a free port instead of spring.mail's, whose mails each demo user
   * reads at /demo/mailbox.
   */
  public record Demo(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("demo") String password,
      @DefaultValue("false") boolean startKeyTasks,
      /** Play four months of work on a fresh demo database (demo.DemoHistory); starts the key tasks itself. */
      @DefaultValue("false") boolean history,
      @DefaultValue("false") boolean mailCatcher) {}
}
