package org.ecobureau.oversight.common;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Engine settings the application relies on. */
@Component
public class EnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var pre = configuration.getCustomPreCommandInterceptorsTxRequired();
    var list = pre == null ? new ArrayList<org.camunda.bpm.engine.impl.interceptor.CommandInterceptor>() : new ArrayList<>(pre);
    list.add(0, new ValidationExceptionUnwrapper());
    list.add(1, new ConflictTranslator());
    configuration.setCustomPreCommandInterceptorsTxRequired(list);
    // Candidate groups may work on (complete) their tasks; nothing else is granted implicitly.
    configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
  }
}
