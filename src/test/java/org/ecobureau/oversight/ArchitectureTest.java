package org.ecobureau.oversight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies run one way: features (catalogue, assignment, reporting, review, signoff,
 * notification, escalation, rectification, supervision, evidence, demo) import the shared kernels
 * (common, identity, calendar, importing, web, security) and, without cycles, each other; the
 * kernels never import a feature; only the composition root ({@code app}) knows them all.
 */
@AnalyzeClasses(packages = "org.ecobureau.oversight", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String[] FEATURES = {"..oversight.catalogue..", "..oversight.assignment..",
      "..oversight.reporting..", "..oversight.review..", "..oversight.signoff..", "..oversight.notification..",
      "..oversight.escalation..", "..oversight.rectification..", "..oversight.supervision..",
      "..oversight.evidence..", "..oversight.demo..", "..oversight.app.."};

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("org.ecobureau.oversight.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule kernelsNeverImportAFeature = noClasses()
      .that().resideInAnyPackage("..oversight.common..", "..oversight.identity..", "..oversight.calendar..",
          "..oversight.importing..", "..oversight.web..", "..oversight.security..")
      .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
      .because("the ground floor never reaches up: features contribute start-up steps and permissions instead");

  @ArchTest
  static final ArchRule theApplicationPackageImportsNoFeature = noClasses()
      .that().resideInAPackage("org.ecobureau.oversight")
      .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

  @ArchTest
  static final ArchRule nothingButTheRootImportsTheCompositionRoot = noClasses()
      .that().resideOutsideOfPackage("..oversight.app..")
      .should().dependOnClassesThat().resideInAPackage("..oversight.app..");
}
