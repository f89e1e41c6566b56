/** REST adapter: the HTTP API on sparkjava, translating requests to application use cases, goes here. */
package dev.seatwarden.adapters.rest;
