package space.atbb.appview.indexer;

/** The fields categories and boards share: how they are named and ordered in a listing. */
record Listing(String name, String description, String slug, Integer sortOrder) {
    static Listing read(RecordFields fields) throws RejectedEvent {
        return new Listing(fields.text("name"), fields.optionalText("description"), fields.optionalText("slug"),
                fields.optionalInt("sortOrder"));
    }
}
