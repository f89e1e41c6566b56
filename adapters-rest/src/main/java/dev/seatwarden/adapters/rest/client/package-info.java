/** The client side of the HTTP API: how the command line reaches a Seatwarden server to verify a token. */
package dev.seatwarden.adapters.rest.client;
