package org.ecobureau.oversight.identity;

import java.util.Set;

/**
 * The standing permissions one process needs, declared by the process's own backing class and
 * applied by {@link IdentitySetup}: leads read and start every declared process, the supervision
 * office reads every one; counties and lead units read the definitions of the processes they
 * take part in ({@code readers}); {@code starters} may also start it from Tasklist (a start form).
 * What each may see of an instance is granted per instance when it starts.
 */
public record ProcessAccess(String processKey, Set<Party> readers, Set<Party> starters) {

  /** Who, beside the city-wide roles. */
  public enum Party { COUNTY, UNIT, SUPERVISOR }

  /** A process only the city-wide roles see (the system starts it). */
  public static ProcessAccess cityOnly(String processKey) {
    return new ProcessAccess(processKey, Set.of(), Set.of());
  }

  /** A process counties and lead units take part in. */
  public static ProcessAccess sharedWithCountiesAndUnits(String processKey) {
    return new ProcessAccess(processKey, Set.of(Party.COUNTY, Party.UNIT), Set.of());
  }

  /** The same, started from Tasklist by these parties too. */
  public ProcessAccess startedBy(Party... parties) {
    return new ProcessAccess(processKey, readers, Set.of(parties));
  }
}
