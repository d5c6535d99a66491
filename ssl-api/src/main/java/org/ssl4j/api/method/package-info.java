/** Training methods, their phases and steps, and what the runtime gives them. */
package org.ssl4j.api.method;
