package dev.seatwarden.application.memory;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.application.port.out.contract.CredentialFilesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The CredentialFiles contract, run against {@link InMemoryCredentialFiles} for both formats. */
class InMemoryCredentialFilesContractTest {

    private static final Path FOLDER = Path.of("/in-memory/seatwarden");

    @Nested
    class AccountFiles extends CredentialFilesContract.ForAccountFiles {

        @Override
        protected CredentialFiles<AccountCredential> freshFiles() {
            return new InMemoryCredentialFiles<>(FOLDER.resolve("rpd_account.json"), "`seatwarden login --host HOST`");
        }

        @Override
        protected Path place(String name) {
            return FOLDER.resolve("given").resolve(name);
        }
    }

    @Nested
    class ScriptFiles extends CredentialFilesContract.ForScriptFiles {

        @Override
        protected CredentialFiles<ScriptCredential> freshFiles() {
            return new InMemoryCredentialFiles<>(FOLDER.resolve("credentials.json"), "`seatwarden credentials write`");
        }

        @Override
        protected Path place(String name) {
            return FOLDER.resolve("given").resolve(name);
        }
    }
}
