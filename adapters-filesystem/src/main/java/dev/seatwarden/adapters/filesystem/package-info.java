/**
 * The client's out-ports on the file system: {@code rpd_account.json} and {@code credentials.json}
 * (found along their lookup order, read with every fault at once, written atomically with mode 0600)
 * and the machine fingerprint. {@link dev.seatwarden.adapters.filesystem.FileCredentialAdapters} hands
 * them out; everything else is package-private.
 */
package dev.seatwarden.adapters.filesystem;
