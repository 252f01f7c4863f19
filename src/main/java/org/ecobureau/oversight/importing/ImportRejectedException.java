package org.ecobureau.oversight.importing;

import java.util.List;

/** The file was refused as a whole; nothing was written. */
public class ImportRejectedException extends RuntimeException {

  private final List<ImportProblem> problems;

  public ImportRejectedException(List<ImportProblem> problems) {
    super(problems.size() + " problem(s), first: " + problems.get(0));
    this.problems = List.copyOf(problems);
  }

  public List<ImportProblem> problems() {
    return problems;
  }
}
