package space.atbb.db.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The forum record itself (rkey "self"), written by the forum's DID. */
@Entity
@Table(name = "forums")
public class Forum extends NamedRecordEntity {
}
