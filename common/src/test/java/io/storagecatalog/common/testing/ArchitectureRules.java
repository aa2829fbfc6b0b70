package io.storagecatalog.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.sql.Connection;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcOperations;

/** The rules every module's architecture test holds its own classes to. */
public final class ArchitectureRules {

    private static final Pattern RUNS_SQL = Pattern.compile("query.*|update|batchUpdate|execute|call");
    private static final Pattern PREPARES_SQL = Pattern.compile("prepareStatement|prepareCall|createStatement");

    private ArchitectureRules() {}

    /** SQL is written and run only in the repositories (and the JDBC helpers they share). */
    public static ArchRule sqlOnlyInRepositories() {
        return noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Repository")
                .and()
                .resideOutsideOfPackage("io.storagecatalog.common.jdbc..")
                .should()
                .callMethodWhere(runsSql())
                .because("SQL lives in one place per table: its repository");
    }

    /** Repositories are used by the services that apply, audit or maintain, never by a consumer or a parser. */
    public static ArchRule repositoriesOnlyFromServices(String rootPackage) {
        return noClasses()
                .that()
                .resideInAnyPackage(rootPackage + ".consume..", "io.storagecatalog.common.event..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .because("a consumer hands records to a service; only services reach the database");
    }

    /** No package of the module depends, through any path, on itself. */
    public static ArchRule packagesFreeOfCycles(String rootPackage) {
        return SlicesRuleDefinition.slices()
                .matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles();
    }

    private static DescribedPredicate<JavaMethodCall> runsSql() {
        return DescribedPredicate.describe("a JDBC call that runs SQL", call -> {
            String name = call.getName();
            boolean jdbcTemplate = call.getTargetOwner().isAssignableTo(JdbcOperations.class)
                    && RUNS_SQL.matcher(name).matches();
            boolean connection = call.getTargetOwner().isAssignableTo(Connection.class)
                    && PREPARES_SQL.matcher(name).matches();
            return jdbcTemplate || connection;
        });
    }
}
