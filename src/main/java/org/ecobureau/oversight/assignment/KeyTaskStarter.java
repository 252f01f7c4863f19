package org.ecobureau.oversight.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.ecobureau.oversight.assignment.KeyTaskProcess.Vars;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.catalogue.CatalogueRepository;
import org.ecobureau.oversight.catalogue.KeyTask;
import org.ecobureau.oversight.identity.OrgDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts key-task instances from the catalogue, with business key {@code KT-<code>}. Starting is
 * idempotent: a task that already has an instance (running or finished) is skipped.
 */
@Service
public class KeyTaskStarter {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final CatalogueRepository catalogue;
  private final OrgDirectory org;

  public KeyTaskStarter(RuntimeService runtimeService, HistoryService historyService,
      CatalogueRepository catalogue, OrgDirectory org) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.catalogue = catalogue;
    this.org = org;
  }

  /** Starts the task's instance; empty when it already has one. */
  @Transactional
  public Optional<ProcessInstance> start(String code) {
    KeyTask task = catalogue.find(code)
        .orElseThrow(() -> new IllegalArgumentException("No key task with code " + code));
    return start(task);
  }

  private Optional<ProcessInstance> start(KeyTask task) {
    // The catalogue row is locked for the transaction, so two nodes (or two clicks) dispatching
    // the same task at once start it once: the second waits, then sees the first's instance.
    catalogue.lockForStart(task.code());
    String businessKey = KeyTaskProcess.businessKey(task.code());
    long existing = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(KeyTaskProcess.KEY).processInstanceBusinessKey(businessKey).count();
    if (existing > 0) {
      return Optional.empty();
    }
    return Optional.of(runtimeService.startProcessInstanceByKey(KeyTaskProcess.KEY, businessKey,
        variables(task)));
  }

  /** Starts every active catalogue task that has no instance yet; returns their codes. */
  @Transactional
  public List<String> startAll() {
    List<String> started = new ArrayList<>();
    for (KeyTask t : catalogue.findActive()) {
      start(t).ifPresent(p -> started.add(t.code()));
    }
    return started;
  }

  VariableMap variables(KeyTask t) {
    String options = String.join(",", org.counties().stream().map(c -> c.code() + ":" + c.name()).toList());
    VariableMap v = Variables.createVariables()
        .putValue(Vars.TASK_CODE.name(), t.code())
        .putValue(Vars.TASK_TITLE.name(), t.title())
        .putValue(Vars.TASK_CONTENT.name(), t.content())
        .putValue(Vars.SOURCE_TEXT.name(), t.sourceText())
        .putValue(Vars.SECTION.name(), t.section())
        .putValue(Vars.LEAD_UNITS.name(), String.join(",", t.leadUnits()))
        .putValue(Vars.LEAD_UNIT_NAMES.name(), org.unitNames(t.leadUnits()))
        .putValue(Vars.PROPOSED_COUNTIES.name(), String.join(",", t.counties()))
        .putValue(Vars.ASSIGNED_COUNTIES.name(), String.join(",", t.counties()))
        .putValue(Vars.ASSIGNED_COUNTY_NAMES.name(), org.countyNames(t.counties()))
        .putValue(Vars.PROPOSED_UNITS.name(), String.join(",", t.units()))
        .putValue(Vars.ASSIGNED_UNITS.name(), String.join(",", t.units()))
        .putValue(Vars.ASSIGNED_UNIT_NAMES.name(), t.units().isEmpty() ? null : org.unitNames(t.units()))
        .putValue(Vars.COOP_UNITS.name(), String.join(",", t.coopUnits()))
        .putValue(Vars.COUNTY_OPTIONS.name(), options)
        .putValue(Vars.STANDING.name(), t.standing())
        .putValue(Vars.TARGET.name(), t.target())
        .putValue(Vars.CADENCE.name(), t.cadence());
    v.putValueTyped(Vars.DEADLINE.name(), Variables.dateValue(
        t.deadline() == null ? null : WorkingDayCalendar.endOfDay(t.deadline())));
    return v;
  }

}
