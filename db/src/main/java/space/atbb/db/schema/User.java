package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member seen on the network, by DID. */
@Entity
@Table(name = "users")
public class User {
    @Id
    @Column(name = "did")
    private String did;

    @Column(name = "handle")
    private String handle;

    /** Null while the account is active; else why not: takendown, suspended, deactivated or deleted. */
    @Column(name = "account_status")
    private String accountStatus;

    @Column(name = "indexed_at", nullable = false)
    private Instant indexedAt;

    protected User() {
    }

    public User(String did, Instant indexedAt) {
        this.did = did;
        this.indexedAt = indexedAt;
    }

    public String getDid() {
        return did;
    }

    public String getHandle() {
        return handle;
    }

    public void setHandle(String handle) {
        this.handle = handle;
    }

    public String getAccountStatus() {
        return accountStatus;
    }

    public void setAccountStatus(String accountStatus) {
        this.accountStatus = accountStatus;
    }

    public Instant getIndexedAt() {
        return indexedAt;
    }

    public void setIndexedAt(Instant indexedAt) {
        this.indexedAt = indexedAt;
    }
}
