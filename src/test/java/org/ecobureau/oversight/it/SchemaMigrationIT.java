package org.ecobureau.oversight.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ecobureau.oversight.OversightApplication;
import org.ecobureau.oversight.assignment.CountyAssignmentProcess;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upgrades: the application starts on an H2 file database made by the last release without
 * Flyway, adopts it (baseline) and migrates it. The nodes are started by hand, as in
 * {@link DurabilityIT}, each with an engine name of its own.
 */
class SchemaMigrationIT {

  /** Camunda's H2 scripts, as an operator runs them (see README, "Schema migrations"). */
  static final List<String> CAMUNDA_CREATE_SCRIPTS = List.of("engine", "history", "identity", "case.engine",
      "case.history", "decision.engine", "decision.history");

  @TempDir Path tmp;

  ConfigurableApplicationContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void databaseOfThePreviousReleaseIsAdoptedAndMigrated() throws Exception {
    String url = url("previous");
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      // Camunda's tables from the engine's own scripts, then the previous release's schema.sql,
      // with what that release had done: the ladder backfill, a supervision letter
      for (String part : CAMUNDA_CREATE_SCRIPTS) {
        s.execute("RUNSCRIPT FROM 'classpath:/org/camunda/bpm/engine/db/create/activiti.h2.create." + part + ".sql'");
      }
      s.execute("RUNSCRIPT FROM 'classpath:/db/previous-release/schema.sql'");
      s.execute("INSERT INTO OV_MIGRATION (NAME, RAN_AT) VALUES ('ladder-backfill', CURRENT_TIMESTAMP)");
      s.execute("INSERT INTO OV_SUPERVISION_LETTER (ID, LETTER_NO, BUSINESS_KEY, QUARTER_KEY, COUNTY, ISSUED_AT,"
          + " SUBJECT, BODY) VALUES ('letter-1', 'L-1', 'KT-3.2.1:anding', '2026Q3', 'anding', CURRENT_TIMESTAMP,"
          + " 'subject', 'body')");
    }

    // as in production: Camunda's schema must exist, the engine does not create it
    context = start("upgradeA", url, "--camunda.bpm.database.schema-update=false");
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

    assertThat(migrations(jdbc)).containsExactly("0:BASELINE:TRUE", "1:SQL:TRUE", "2:SQL:TRUE", "3:SQL:TRUE", "4:SQL:TRUE");
    assertThat(tables(jdbc)).contains("OV_PENDING_STEP", "OV_SUPERVISION_CASE").doesNotContain("OV_MIGRATION");
    // the backfill had run under the previous release: nothing requested, nothing pending
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OV_PENDING_STEP", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT LETTER_NO FROM OV_SUPERVISION_LETTER WHERE ID = 'letter-1'", String.class))
        .isEqualTo("L-1");
    // and the start-up work ran on it
    assertThat(context.getBean(CatalogueRepository.class).countActive()).isEqualTo(162);

    // the next start finds nothing to migrate
    context.close();
    context = start("upgradeA2", url, "--camunda.bpm.database.schema-update=false");
    assertThat(migrations(context.getBean(JdbcTemplate.class)))
        .containsExactly("0:BASELINE:TRUE", "1:SQL:TRUE", "2:SQL:TRUE", "3:SQL:TRUE", "4:SQL:TRUE");
  }

  /**
   * A running assignment that is not on the ladder, as the releases before it left them: on a
   * database where the previous release recorded the backfill in OV_MIGRATION it stays as it is
   * (the backfill does not run twice); on an older one, without that table, it is backfilled.
   */
  @ParameterizedTest(name = "backfill recorded by the previous release: {0}")
  @ValueSource(booleans = {false, true})
  void theLadderBackfillRunsOnceAcrossTheUpgrade(boolean recordedBefore) {
    String url = url("pre-ladder-" + recordedBefore);
    context = start("upgradeB", url);
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    ProcessInstance keyTask = context.getBean(KeyTaskStarter.class).start("3.2.1").orElseThrow();
    completeAs(engine, "lead", keyTask.getId(), Map.of("assignedCounties", "anding"));
    RuntimeService runtime = engine.getRuntimeService();
    ProcessInstance assignment = runtime.createProcessInstanceQuery()
        .processDefinitionKey(CountyAssignmentProcess.KEY).superProcessInstanceId(keyTask.getId()).singleResult();
    String bk = assignment.getBusinessKey();

    // turn it into a database before Flyway: no ladder row and no warning level for the
    // assignment, no Flyway history, and OV_MIGRATION as the previous release had it (or none)
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    jdbc.update("DELETE FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY = ?", bk);
    runtime.removeVariables(assignment.getId(), List.of("warningLevel", "warningLevelName"));
    jdbc.execute("DROP TABLE \"flyway_schema_history\"");
    jdbc.execute("DROP TABLE OV_PENDING_STEP");
    if (recordedBefore) {
      jdbc.execute("CREATE TABLE OV_MIGRATION (NAME VARCHAR(64) NOT NULL PRIMARY KEY, RAN_AT TIMESTAMP NOT NULL)");
      jdbc.update("INSERT INTO OV_MIGRATION (NAME, RAN_AT) VALUES ('ladder-backfill', CURRENT_TIMESTAMP)");
    }
    context.close();

    context = start("upgradeB2", url);
    jdbc = context.getBean(JdbcTemplate.class);
    assertThat(migrations(jdbc)).containsExactly("0:BASELINE:TRUE", "1:SQL:TRUE", "2:SQL:TRUE", "3:SQL:TRUE", "4:SQL:TRUE");
    assertThat(tables(jdbc)).doesNotContain("OV_MIGRATION");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OV_PENDING_STEP", Integer.class)).isZero();
    List<String> onLadder = jdbc.queryForList("SELECT OPEN_TASK_NAME FROM OV_SUPERVISION_CASE WHERE BUSINESS_KEY = ?",
        String.class, bk);
    Object level = context.getBean(ProcessEngine.class).getRuntimeService().getVariable(assignment.getId(),
        "warningLevel");
    if (recordedBefore) {
      assertThat(onLadder).isEmpty();
      assertThat(level).isNull();
    } else {
      assertThat(onLadder).containsExactly("签收任务");
      assertThat(level).isEqualTo("none");
    }
  }

  String url(String name) {
    return "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  static ConfigurableApplicationContext start(String engineName, String url, String... more) {
    String[] args = {"--server.port=0", "--spring.main.banner-mode=off", "--spring.datasource.url=" + url,
        "--spring.datasource.username=sa", "--spring.datasource.password=",
        "--camunda.bpm.process-engine-name=" + engineName + UUID.randomUUID().toString().substring(0, 8),
        "--camunda.bpm.job-execution.enabled=false"};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return new SpringApplicationBuilder(OversightApplication.class).profiles("test").run(all);
  }

  static void completeAs(ProcessEngine engine, String userId, String processInstanceId, Map<String, Object> vars) {
    IdentityService identity = engine.getIdentityService();
    TaskService tasks = engine.getTaskService();
    identity.setAuthentication(userId,
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
    try {
      tasks.complete(tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(), vars);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Flyway's history: version, type and success of each migration (without its table-created marker). */
  static List<String> migrations(JdbcTemplate jdbc) {
    return jdbc.queryForList("SELECT \"version\" || ':' || \"type\" || ':' || \"success\" FROM \"flyway_schema_history\""
        + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class);
  }

  static List<String> tables(JdbcTemplate jdbc) {
    return jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
        String.class);
  }
}
