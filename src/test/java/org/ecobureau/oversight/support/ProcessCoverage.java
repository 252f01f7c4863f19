package org.ecobureau.oversight.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The process-coverage floor of one process test class, and the processes it does not count.
 * Read per class by {@link ProcessCoverageFloors}, so every process test shares one Spring
 * context instead of each declaring its own coverage bean (and so its own context). A class
 * without it has no floor.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcessCoverage {

  /** Class coverage at least this (0..1). */
  double atLeast();

  /** Process definition keys left out of this class's coverage. */
  String[] excluding() default {};
}
