package space.atbb.appview;

public final class Main {
    public static void main(String[] args) {
    }
}
