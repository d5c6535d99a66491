/** Pure tensor functions shared by plugins (losses). */
package org.ssl4j.api.nd;
