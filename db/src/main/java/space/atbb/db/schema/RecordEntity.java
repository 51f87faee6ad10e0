package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * Columns every indexed AT Protocol record has: a 64-bit id of ours, and the record's address
 * (author {@code did}, record key {@code rkey}) and content hash {@code cid}. (did, rkey) is unique.
 */
@MappedSuperclass
public abstract class RecordEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "did", nullable = false)
    private String did;

    @Column(name = "rkey", nullable = false)
    private String rkey;

    @Column(name = "cid", nullable = false)
    private String cid;

    @Column(name = "indexed_at", nullable = false)
    private Instant indexedAt;

    public Long getId() {
        return id;
    }

    public String getDid() {
        return did;
    }

    public void setDid(String did) {
        this.did = did;
    }

    public String getRkey() {
        return rkey;
    }

    public void setRkey(String rkey) {
        this.rkey = rkey;
    }

    public String getCid() {
        return cid;
    }

    public void setCid(String cid) {
        this.cid = cid;
    }

    public Instant getIndexedAt() {
        return indexedAt;
    }

    public void setIndexedAt(Instant indexedAt) {
        this.indexedAt = indexedAt;
    }
}
