package org.ecobureau.oversight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OversightApplication {

  public static void main(String[] args) {
    SpringApplication.run(OversightApplication.class, args);
  }
}
