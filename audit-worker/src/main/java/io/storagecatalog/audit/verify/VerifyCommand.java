package io.storagecatalog.audit.verify;

import io.storagecatalog.common.audit.ChainVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar audit-worker.jar --verify}: verifies the chain, prints the result and exits with
 * 0 when it is intact, 3 when it is not (the worker's listener does not start in this mode).
 */
@Component
class VerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String OPTION = "verify";

    private final IntegrityCheck check;
    private int exitCode;

    VerifyCommand(IntegrityCheck check) {
        this.check = check;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption(OPTION)) {
            ChainVerification result = check.run();
            System.out.println(result);
            exitCode = result.intact() ? 0 : 3;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
