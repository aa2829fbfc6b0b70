package io.storagecatalog.common.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The login of a worker's monitoring endpoints: Prometheus's scrape, health details, info.
 *
 * @param username the login's name
 * @param password its password; no default (a worker that needs it stops at start without it)
 */
@ConfigurationProperties("storage-catalog.monitoring")
record MonitoringProperties(@DefaultValue("monitor") String username, String password) {}
