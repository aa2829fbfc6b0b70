package io.storagecatalog.common.service;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A host application for the service: what any Spring service that injects it would be. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ServiceTestApplication {}
