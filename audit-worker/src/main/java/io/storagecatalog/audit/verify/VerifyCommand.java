package io.storagecatalog.audit.verify;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.AuditKeys;
import io.storagecatalog.common.audit.AuditProofs;
import io.storagecatalog.common.audit.AuditorState;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.ProofDocument;
import io.storagecatalog.common.audit.TrailAuditor;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The one-off commands on the catalog (the worker's listener does not start in these modes):
 *
 * <ul>
 *   <li>{@code --verify}: the operator's verification with the worker's own keys, recorded and announced;
 *   <li>{@code --audit --public-key=FILE[,FILE] [--state=FILE] [--archives]}: the auditor's verification,
 *       trusting only the given public keys; with a state file it resumes after the last checkpoint it
 *       verified and records the newest one; {@code --archives} also reads the archived rows;
 *   <li>{@code --prove=SEQ [--chain=N]} (row SEQ of chain N, 0 by default), {@code --prove-consistency=OLDER,NEWER}:
 *       print a proof (JSON).
 * </ul>
 *
 * Exit codes: 0 intact (or proof printed), 3 violated, 2 no proof or a usage error.
 */
@Component
class VerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    private final IntegrityCheck check;
    private final CheckpointStore checkpoints;
    private final AuditArchive archive;
    private final AuditChainVerifier verifier;
    private final AuditChainRepository chain;
    private final OperationRepository operations;
    private final AuditProofs proofs;
    private int exitCode;

    VerifyCommand(
            IntegrityCheck check,
            CheckpointStore checkpoints,
            AuditArchive archive,
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            OperationRepository operations,
            AuditProofs proofs) {
        this.check = check;
        this.checkpoints = checkpoints;
        this.archive = archive;
        this.verifier = verifier;
        this.chain = chain;
        this.operations = operations;
        this.proofs = proofs;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (args.containsOption("verify")) {
                ChainVerification result = check.run();
                System.out.println(result);
                exitCode = result.intact() ? 0 : 3;
            } else if (args.containsOption("audit")) {
                exitCode = audit(args);
            } else if (args.containsOption("prove")) {
                long seq = Long.parseLong(value(args, "prove"));
                int chainNumber = args.containsOption("chain") ? Integer.parseInt(value(args, "chain")) : 0;
                System.out.println(
                        ProofDocument.json(proofs.inclusion(chainNumber, seq)).toPrettyString());
            } else if (args.containsOption("prove-consistency")) {
                String[] between = value(args, "prove-consistency").split(",");
                System.out.println(ProofDocument.json(proofs.consistency(
                                Long.parseLong(between[0].trim()), Long.parseLong(between[1].trim())))
                        .toPrettyString());
            }
        } catch (AuditProofs.NoProof | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println(e.getMessage());
            exitCode = 2;
        }
    }

    private int audit(ApplicationArguments args) {
        if (!args.containsOption("public-key")) {
            System.err.println("--audit needs --public-key=FILE (the trail's public key, PEM)");
            return 2;
        }
        List<PublicKey> keys = Arrays.stream(value(args, "public-key").split(","))
                .map(file -> AuditKeys.readPublicKey(Path.of(file), "--public-key"))
                .toList();
        Optional<Path> stateFile =
                args.containsOption("state") ? Optional.of(Path.of(value(args, "state"))) : Optional.empty();
        Optional<AuditorState> state = stateFile.flatMap(AuditorState::read);
        TrailAuditor auditor =
                new TrailAuditor(checkpoints, archive, verifier, chain, operations, keys, Clock.systemUTC());
        TrailAuditor.Audit audit = auditor.audit(state, args.containsOption("archives"));
        System.out.println(audit);
        if (audit.intact() && audit.state() != null) {
            stateFile.ifPresent(file -> audit.state().write(file));
        }
        return audit.intact() ? 0 : 3;
    }

    private static String value(ApplicationArguments args, String option) {
        List<String> values = args.getOptionValues(option);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("--" + option + " needs a value");
        }
        return values.get(0);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
