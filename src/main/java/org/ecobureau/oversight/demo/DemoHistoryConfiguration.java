package org.ecobureau.oversight.demo;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.ecobureau.oversight.assignment.KeyTaskStarter;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.rectification.LedgerRepository;
import org.ecobureau.oversight.rectification.RectificationItemStarter;
import org.ecobureau.oversight.reporting.ReportRepository;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The living demo (profile demo, {@code oversight.demo.history: true}): {@link DemoHistory} plays
 * four months once the application is ready, and the health endpoint says DOWN until it is done,
 * so that nobody (and no browser check) works while the engine clock is set back.
 */
@Configuration
@ConditionalOnProperty(name = "oversight.demo.history", havingValue = "true")
public class DemoHistoryConfiguration {

  @Bean
  DemoHistory demoHistory(ProcessEngineConfigurationImpl engine,
      KeyTaskStarter keyTasks, CatalogueRepository catalogue, RectificationItemStarter items, LedgerRepository ledger,
      ReportRepository reports, CaseRepository cases, WorkingDayCalendar calendar) {
    return new DemoHistory(engine, keyTasks, catalogue, items, ledger, reports, cases, calendar);
  }

  @Bean
  HealthIndicator demoHistoryHealth(DemoHistory history) {
    return () -> switch (history.state()) {
      case DONE -> Health.up().withDetail("demo", "演示数据已就绪").build();
      case FAILED -> Health.up().withDetail("demo", "演示数据生成中断，详见日志").build();
      default -> Health.down().withDetail("demo", "正在生成演示数据（模拟最近四个月的办理过程）").build();
    };
  }

  @Bean
  DemoHistoryTrigger demoHistoryTrigger(DemoHistory history) {
    return new DemoHistoryTrigger(history);
  }

  /** Runs the history once the application is ready (start-up steps done, the web server up). */
  static class DemoHistoryTrigger {
    private final DemoHistory history;

    DemoHistoryTrigger(DemoHistory history) {
      this.history = history;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
      history.run();
    }
  }
}
