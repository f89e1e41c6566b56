/** Filesystem adapter: reading and writing credential files and computing the machine fingerprint goes here. */
package dev.seatwarden.adapters.filesystem;
