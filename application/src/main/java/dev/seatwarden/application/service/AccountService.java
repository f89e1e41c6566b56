package dev.seatwarden.application.service;

import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.GetAccountUseCase;
import dev.seatwarden.application.port.in.ListAccountsUseCase;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.function.Consumer;

/** The operator's and the owner's use cases about accounts. */
final class AccountService
        implements CreateAccountUseCase, ChangeAccountUseCase, GetAccountUseCase, ListAccountsUseCase {

    private final Ports ports;
    private final UnitOfWork work;
    private final Views views;

    AccountService(Ports ports, UnitOfWork work, Views views) {
        this.ports = ports;
        this.work = work;
        this.views = views;
    }

    @Override
    public Either<Refusal, AccountView> createAccount(CreateAccountUseCase.Command command) {
        return createAccount(command, created -> {});
    }

    /** Creates the account and, in the same unit, runs {@code alsoInUnit} on it. */
    Either<Refusal, AccountView> createAccount(CreateAccountUseCase.Command command, Consumer<Account> alsoInUnit) {
        Validation<FieldError, Email> email = Validation.fromEither(Email.parse(command.email()));
        Validation<FieldError, Plan> plan = command.plan() == null
                ? Validation.invalid(new FieldError("plan", "is required: STARTER, PRO or ENTERPRISE"))
                : Validation.valid(command.plan());
        var checked = Validation.combine(email, plan, checkLimit(command.integrationLimit()))
                .ap(NewAccount::new);
        if (checked.isInvalid()) {
            return Either.left(new Refusal.ValidationFailed(List.ofAll(checked.getError())));
        }
        var account = checked.get();
        return work.run(() -> {
            var now = ports.clock().instant();
            if (ports.accounts().findByEmail(account.email()).isDefined()) {
                return Either.left(Refusal.ValidationFailed.of("email", "an account with this e-mail already exists"));
            }
            var created = Account.create(
                    ports.idGenerator().newAccountId(),
                    account.email(),
                    account.plan(),
                    account.integrationLimit(),
                    now);
            ports.accounts().save(created.value());
            ports.auditLog().append(created.events());
            alsoInUnit.accept(created.value());
            return Either.right(views.account(created.value(), List.empty(), now));
        });
    }

    @Override
    public Either<Refusal, AccountView> changeAccount(ChangeAccountUseCase.Command command) {
        var limit = checkLimit(command.integrationLimit());
        if (limit.isInvalid()) {
            return Either.left(new Refusal.ValidationFailed(List.of(limit.getError())));
        }
        return Email.parse(command.email())
                .<Refusal>mapLeft(error -> new Refusal.ValidationFailed(List.of(error)))
                .flatMap(email -> work.run(() -> {
                    var now = ports.clock().instant();
                    var found = ports.accounts().findByEmail(email);
                    if (found.isEmpty()) {
                        return Either.left(Refusal.ValidationFailed.of("email", "no account has this e-mail"));
                    }
                    var changed =
                            found.get().change(command.plan(), command.subscription(), command.integrationLimit(), now);
                    if (!changed.events().isEmpty()) {
                        ports.accounts().save(changed.value());
                        ports.auditLog().append(changed.events());
                    }
                    var account = changed.value();
                    return Either.right(views.account(account, ports.tokens().ofAccount(account.id()), now));
                }));
    }

    @Override
    public Option<AccountView> getAccount(GetAccountUseCase.Query query) {
        // Reads run as a unit too, so that what they combine is one consistent, committed state.
        return work.run(() -> {
            var now = ports.clock().instant();
            return ports.accounts()
                    .findById(query.account())
                    .map(account -> views.account(account, ports.tokens().ofAccount(account.id()), now));
        });
    }

    @Override
    public Seq<AccountView> listAccounts() {
        return work.run(() -> {
            var now = ports.clock().instant();
            return ports.accounts()
                    .all()
                    .map(account -> views.account(account, ports.tokens().ofAccount(account.id()), now));
        });
    }

    private static Validation<FieldError, Option<Integer>> checkLimit(Option<Integer> limit) {
        return limit.exists(l -> l < 0)
                ? Validation.invalid(new FieldError("integrationLimit", "must not be negative"))
                : Validation.valid(limit);
    }

    /** A new account's input, checked. */
    private record NewAccount(Email email, Plan plan, Option<Integer> integrationLimit) {}
}
