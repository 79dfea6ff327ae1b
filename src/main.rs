fn main() {
    rewards_portal::mount();
}
