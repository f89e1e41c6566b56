/** Bootstrap: wiring of the application with its adapters, and the command-line interface, goes here. */
package dev.seatwarden.bootstrap;
