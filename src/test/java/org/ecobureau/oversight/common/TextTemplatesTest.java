package org.ecobureau.oversight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.ecobureau.oversight.OversightProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The texts come from the templates with the city's names and the day counts from configuration:
 * application.yaml (Dingxi), Lanzhou's city file, or a changed duration. Only the configuration and
 * the template engine are started, not the application.
 */
class TextTemplatesTest {

  @Configuration
  @EnableConfigurationProperties(OversightProperties.class)
  @ImportAutoConfiguration(MustacheAutoConfiguration.class)
  @Import(TextTemplates.class)
  static class Texts {}

  /** @param properties as on the command line, so that they win over application.yaml */
  static TextTemplates texts(String... properties) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Texts.class)
        .web(WebApplicationType.NONE).logStartupInfo(false)
        .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new))) {
      return context.getBean(TextTemplates.class);
    }
  }

  static Map<String, Object> letter(int year, int serial) {
    Map<String, Object> model = new HashMap<>();
    model.put("countyName", "陇西县");
    model.put("kindLabel", "重点任务");
    model.put("code", "3.2.1");
    model.put("title", "推进钢铁行业超低排放改造");
    model.put("leadNames", "市生态环境局");
    model.put("businessKey", "KT-3.2.1:longxi");
    model.put("year", year);
    model.put("serial", serial);
    model.put("issuedOn", LocalDate.of(year, 3, 2));
    return model;
  }

  @Test
  void dingxiIsTheDefault() {
    TextTemplates texts = texts();
    Map<String, Object> model = letter(2027, 3);
    assertThat(texts.render("letter/supervision-letter.number", model)).isEqualTo("定环督函〔2027〕3号");
    assertThat(texts.render("letter/supervision-letter.subject", model))
        .isEqualTo("关于重点任务3.2.1「推进钢铁行业超低排放改造」的督办函");
    assertThat(texts.render("letter/supervision-letter.body", model))
        .startsWith("陇西县：\n\n贵单位承办的重点任务 3.2.1「推进钢铁行业超低排放改造」本季度已两次被亮黄牌预警")
        .contains("三、自收函之日起 10 个工作日内将整改落实情况书面报送市生态环境局")
        .endsWith("事项编号：KT-3.2.1:longxi\n\n定西市生态环境局\n2027年3月2日");
  }

  @Test
  void anotherCityBringsItsOwnNames() {
    TextTemplates texts = texts("spring.config.additional-location=classpath:org/lanzhou/city.yaml");
    Map<String, Object> model = letter(2026, 1);
    assertThat(texts.render("letter/supervision-letter.number", model)).isEqualTo("兰环督函〔2026〕1号");
    assertThat(texts.render("letter/supervision-letter.body", model)).endsWith("\n\n兰州市生态环境局\n2026年3月2日")
        .doesNotContain("定西");
  }

  @Test
  void dayCountsComeFromTheConfiguredDurations() {
    TextTemplates texts = texts("oversight.durations.written-report=20", "oversight.durations.letter-reply=7");
    Map<String, Object> model = letter(2026, 1);
    model.put("reason", "连续两次报告进展滞后");
    model.put("levelLabel", "红牌督办");
    model.put("tasklistLink", "http://oversight.test/camunda/app/tasklist/default/");
    assertThat(texts.render("mail/escalation-red.body", model))
        .contains("已被亮红牌（连续两次报告进展滞后），列入通报；市局将决定督办措施")
        .contains("决定约谈的，请于 20 个工作日内报送书面说明及整改承诺。");
    assertThat(texts.render("letter/supervision-letter.body", model)).contains("自收函之日起 7 个工作日内");
  }

  @Test
  void textsArePlainTextWithoutATrailingLineBreak() {
    TextTemplates texts = texts();
    Map<String, Object> model = new HashMap<>();
    model.put("rectification", false);
    model.put("code", "1.1.1");
    model.put("title", "<b>A & B</b>");
    model.put("county", "安定区");
    model.put("due", LocalDate.of(2026, 11, 5));
    model.put("deadline", null);   // a standing task
    model.put("leadUnits", null);
    model.put("link", "http://x/#/?task=1&y=2");
    assertThat(texts.render("mail/assignment-dispatched.subject", model)).isEqualTo("【任务交办】1.1.1 <b>A & B</b>");
    assertThat(texts.render("mail/assignment-dispatched.body", model)).isEqualTo("""
        安定区：

        市生态环境局已将重点任务 1.1.1「<b>A & B</b>」交办贵单位，请于 2026年11月5日 前在系统中签收，并明确责任人及联系电话。

        牵头单位：
        完成时限：长期坚持

        办理链接：http://x/#/?task=1&y=2

        此邮件由系统自动发送，请勿直接回复。""");
  }
}
