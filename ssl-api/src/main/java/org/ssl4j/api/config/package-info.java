/** Validation helpers for config records: a bad value names its field and what is allowed. */
package org.ssl4j.api.config;
