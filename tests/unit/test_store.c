/* placeholder until the store lands */
int main(void){return 0;}
