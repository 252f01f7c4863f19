package org.ecobureau.oversight.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application behind a web server on a free port, on the test profile's in-memory H2.
 * Every class so annotated (and adding no configuration of its own) shares one Spring context
 * and its database: it starts its work under business keys of its own, queries by them, and
 * leaves nothing running that another class could pick up.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface HttpTest {}
